// `npm run cluster`: a real Temporal cluster on this machine (the server built from its Go module, on a PostgreSQL
// of its own, with SQL advanced visibility), then CLUSTER_APIS APIs and CLUSTER_WORKERS workers against it, each a
// child process exactly as `start:api` and `start:worker` would run. Ctrl-C stops everything, in order.
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { type Cluster, ensureClusterBinaries, startCluster } from '../cluster/index.js';
import { loadClusterConfig } from '../config/cluster-config.js';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../logging/logger.js';

const config = loadConfig();
const clusterConfig = loadClusterConfig();
const logger = createLogger(config.LOG_LEVEL, 'cluster');

let stopping = false;
let cluster: Cluster | undefined;
const children: ChildProcess[] = [];

async function stop(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  // Components first, so none of them sees the engine vanish; then the server; then its database.
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exit = once(child, 'exit');
      child.kill('SIGTERM');
      await exit;
    }),
  );
  await cluster?.stop();
  logger.info('stopped: APIs, workers, Temporal server, PostgreSQL');
  process.exit(exitCode);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(0));

// `--build-only`: install and build what the cluster needs, then exit (CI does this once, before the tests).
if (process.argv.includes('--build-only')) {
  await ensureClusterBinaries({
    ui: clusterConfig.CLUSTER_UI,
    toolsDir: clusterConfig.CLUSTER_TOOLS_DIR,
    log: (message) => logger.info(message),
  });
  logger.info('cluster binaries ready');
  process.exit(0);
}

const started = Date.now();
try {
  cluster = await startCluster({
    dataDir: clusterConfig.CLUSTER_DATA_DIR,
    frontendPort: clusterConfig.CLUSTER_FRONTEND_PORT,
    postgresPort: clusterConfig.CLUSTER_POSTGRES_PORT,
    historyShards: clusterConfig.CLUSTER_HISTORY_SHARDS,
    ui: clusterConfig.CLUSTER_UI,
    uiPort: clusterConfig.CLUSTER_UI_PORT,
    toolsDir: clusterConfig.CLUSTER_TOOLS_DIR,
    namespace: config.TEMPORAL_NAMESPACE,
    retentionDays: config.TEMPORAL_RETENTION_DAYS,
    log: (message) => logger.info(message),
  });
} catch (err) {
  logger.error({ err }, 'the cluster did not start');
  process.exit(1);
}
const { address } = cluster;
logger.info({ address, seconds: (Date.now() - started) / 1000 }, 'temporal cluster ready');
void cluster.crashed.catch((err: unknown) => {
  if (stopping) return;
  logger.error({ err: (err as Error).message }, 'a cluster process died; stopping everything');
  void stop(1);
});

// The children read their own settings through loadConfig(); they inherit this environment plus the address.
const component = (name: 'api' | 'worker', env: Record<string, string>) => {
  const child = fork(fileURLToPath(new URL(`./${name}.js`, import.meta.url)), {
    // eslint-disable-next-line no-restricted-properties
    env: { ...process.env, TEMPORAL_ADDRESS: address, ...env },
    stdio: 'inherit',
  });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    logger.error({ name, pid: child.pid, code, signal }, 'component exited; stopping everything');
    void stop(1);
  });
  children.push(child);
  return child;
};
for (let i = 0; i < clusterConfig.CLUSTER_WORKERS; i++) component('worker', {});
const apiPorts = await Promise.all(
  Array.from({ length: clusterConfig.CLUSTER_APIS }, (_, i) => {
    const api = component('api', { PORT: String(config.PORT === 0 ? 0 : config.PORT + i) });
    return new Promise<number>((resolve) =>
      api.on('message', (message: { type?: string; port?: number }) => {
        if (message.type === 'listening' && message.port !== undefined) resolve(message.port);
      }),
    );
  }),
);

const lines = [
  '',
  ...apiPorts.map((port) => `  API:             http://localhost:${port}/api/tasks`),
  `  Temporal:        ${address} (${cluster.historyShards} history shards, PostgreSQL, data in ${cluster.dataDir})`,
  cluster.uiUrl ? `  Temporal Web UI: ${cluster.uiUrl}` : '  Temporal Web UI: not running',
  `  Workers:         ${clusterConfig.CLUSTER_WORKERS} x MAX_CONCURRENT_TASKS=${config.MAX_CONCURRENT_TASKS}`,
  `  Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Ctrl-C stops everything.`,
  '',
];
process.stdout.write(lines.join('\n') + '\n');
