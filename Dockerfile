# One image, two roles:
#   API (default):  node dist/src/main/api.js      (listens on PORT, default 3000; /healthz, /readyz, /metrics)
#   worker:         node dist/src/main/worker.js   (docker-compose.yml's `worker` service overrides the command;
#                                                   probes on WORKER_HEALTH_PORT when set)
# Both read their settings from the environment (src/config/config.ts); set TEMPORAL_ADDRESS to the cluster's
# frontend. Never `npm start` here: its prestart hook installs the Temporal CLI from PyPI for the embedded dev
# server, which a container neither needs nor should fetch at start-up.

# Pinned to a patch release: a rebuild gets the same Node.js. Keep its major in line with package.json's engines.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# --- build: all dependencies (TypeScript, webpack via @temporalio/worker), compile to dist/ ------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# What `npm run build` reads (tsconfig.build.json: src, workflows, activities); .dockerignore keeps the rest out.
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workflows ./workflows
COPY activities ./activities
# tsc to dist/, then dist/workflow-bundle.js: the prebuilt workflow bundle a worker loads instead of running webpack.
RUN npm run build

# --- runtime: production dependencies, dist/ and web/ only, non-root -------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# package.json also carries "type": "module", which the compiled ESM in dist/ needs at run time.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
    && npm cache clean --force
COPY --from=build /app/dist ./dist
# The DAG page's browser files (GET /), served as they are; its libraries come from node_modules above.
COPY web ./web
# The base image's non-root `node` user, given numerically (uid/gid 1000 = node:node) so that orchestrators enforcing
# runAsNonRoot can check it. Files stay root-owned and read-only to the process, which writes nothing at run time.
USER 1000:1000
EXPOSE 3000
# No HEALTHCHECK here: the image serves two roles on different ports. docker-compose.yml checks the API's /readyz
# on PORT and the worker's on WORKER_HEALTH_PORT.
CMD ["node", "dist/src/main/api.js"]
