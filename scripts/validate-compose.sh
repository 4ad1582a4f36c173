#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine: `config -q` parses the file, interpolates its variables and
# checks it against the Compose schema. Exits 0 with a notice when no Compose client is installed (the project's
# machines have no Docker engine; `apt-get install docker-compose` brings the v1 client, which is enough here).
set -euo pipefail
cd "$(dirname "$0")/.."

for mounted in deploy/temporal-dynamic-config.yaml deploy/temporal-server.yaml.tmpl deploy/nginx-api.conf; do
  if [[ ! -f $mounted ]]; then
    echo "docker-compose.yml mounts $mounted, which is missing" >&2
    exit 1
  fi
done

# .env.example against the compose file (no Docker needed):
#  - every variable the compose file reads (`${VAR}`, `${VAR:-default}`, and environment keys without a value,
#    which Compose passes through) is listed in .env.example, as `VAR=value` or commented out (`# VAR=`);
#  - a listed default equals the compose file's `${VAR:-default}`;
#  - .env.example lists nothing the compose file does not read;
#  - every image is pinned to a tag other than `latest`.
node --input-type=module - <<'EOF'
//    which Compose passes through) is listed in .env.example, as `VAR=value` or commented out (`# VAR=`);
//  - a listed default equals the compose file's `${VAR:-default}`;
//  - .env.example lists nothing the compose file does not read;
//  - every image is pinned to a tag other than `latest`.
import { readFileSync } from 'node:fs';

const compose = readFileSync('docker-compose.yml', 'utf8');
const example = readFileSync('.env.example', 'utf8');
const problems = [];

// `$${X}` is an escaped dollar: the container's shell reads X, not Compose.
const defaults = new Map();
for (const [, name, fallback] of compose.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g)) {
  const seen = defaults.get(name);
  if (seen !== undefined && fallback !== undefined && seen !== fallback) {
    problems.push(`${name} has two defaults in docker-compose.yml: ${seen} and ${fallback}`);
  }
  if (seen === undefined) defaults.set(name, fallback ?? null);
}
const passThrough = [...compose.matchAll(/^\s+([A-Z_][A-Z0-9_]*):\s*$/gm)].map(([, name]) => name);

const listed = new Map();
for (const [, name, value] of example.matchAll(/^(?:#\s*)?([A-Z_][A-Z0-9_]*)=(.*)$/gm)) listed.set(name, value);

for (const [name, fallback] of defaults) {
  if (!listed.has(name)) problems.push(`${name} (read by docker-compose.yml) is missing from .env.example`);
  else if (fallback !== null && listed.get(name) !== fallback) {
    problems.push(`${name}: .env.example says ${listed.get(name)}, docker-compose.yml defaults to ${fallback}`);
  }
}
for (const name of passThrough) {
  if (!listed.has(name)) problems.push(`${name} (passed through by docker-compose.yml) is missing from .env.example`);
}
for (const name of listed.keys()) {
  if (!defaults.has(name) && !passThrough.includes(name)) {
    problems.push(`${name} is in .env.example but docker-compose.yml never reads it`);
  }
}

for (const [, image] of compose.matchAll(/^\s+image:\s*['"]?([^'"\s]+)/gm)) {
  const resolved = image.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g, (_, _name, fallback) => fallback ?? '');
  const tag = /:([^/:]+)$/.exec(resolved)?.[1];
  if (!tag || tag === 'latest') problems.push(`image ${image} is not pinned (resolves to ${resolved})`);
}

if (problems.length > 0) {
  console.error(problems.map((p) => `.env.example / docker-compose.yml: ${p}`).join('\n'));
  process.exit(1);
}
console.log(`.env.example: lists all ${defaults.size + passThrough.length} variables docker-compose.yml reads`);
EOF

if command -v docker-compose >/dev/null 2>&1; then
  docker-compose -f docker-compose.yml config -q
  docker-compose -f docker-compose.yml --env-file .env.example config -q
  echo "docker-compose.yml: valid ($(docker-compose version --short 2>/dev/null || echo docker-compose))"
elif command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  docker compose -f docker-compose.yml config -q
  docker compose -f docker-compose.yml --env-file .env.example config -q
  echo "docker-compose.yml: valid (docker compose $(docker compose version --short 2>/dev/null))"
else
  echo "skip: docker-compose is not installed; docker-compose.yml was not validated"
fi
