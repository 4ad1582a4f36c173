#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine: `config -q` parses the file, interpolates its variables and
# checks it against the Compose schema. Exits 0 with a notice when no Compose client is installed (the project's
# machines have no Docker engine; `apt-get install docker-compose` brings the v1 client, which is enough here).
set -euo pipefail
cd "$(dirname "$0")/.."

for mounted in deploy/temporal-dynamic-config.yaml deploy/temporal-server.yaml.tmpl; do
  if [[ ! -f $mounted ]]; then
    echo "docker-compose.yml mounts $mounted, which is missing" >&2
    exit 1
  fi
done

if command -v docker-compose >/dev/null 2>&1; then
  docker-compose -f docker-compose.yml config -q
  echo "docker-compose.yml: valid ($(docker-compose version --short 2>/dev/null || echo docker-compose))"
elif command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  docker compose -f docker-compose.yml config -q
  echo "docker-compose.yml: valid (docker compose $(docker compose version --short 2>/dev/null))"
else
  echo "skip: docker-compose is not installed; docker-compose.yml was not validated"
fi
