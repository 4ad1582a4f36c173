# One image, two roles:
#   API (default):  node dist/src/main/api.js      (listens on PORT, default 3000; GET /health)
#   worker:         node dist/src/main/worker.js   (docker-compose.yml's `worker` service overrides the command)
# Both read their settings from the environment (src/config/config.ts); set TEMPORAL_ADDRESS to the cluster's
# frontend. Never `npm start` here: its prestart hook installs the Temporal CLI from PyPI for the embedded dev
# server, which a container neither needs nor should fetch at start-up.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: all dependencies, compile TypeScript to dist/ ---------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- runtime: production dependencies and dist/ only, non-root -------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# package.json also carries "type": "module", which the compiled ESM in dist/ needs at run time.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
    && npm cache clean --force
COPY --from=build /app/dist ./dist
# Run as the base image's non-root `node` user, given numerically (uid/gid 1000) so that orchestrators enforcing
# runAsNonRoot can check it. Files stay root-owned and read-only to the process, which writes nothing at run time.
USER 1000:1000
EXPOSE 3000
# No HEALTHCHECK here: it would apply to the worker role too. docker-compose.yml checks the API's GET /health.
CMD ["node", "dist/src/main/api.js"]
