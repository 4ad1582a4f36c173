import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureClusterBinaries } from './ensure-cluster-binaries.js';
import { waitForFrontend } from './frontend-ready.js';
import { ensureNamespace } from './namespace.js';
import { Postgres } from './postgres.js';
import { processTree } from './process-tree.js';
import { ensureSchemas } from './schema.js';
import { serverConfigTemplate, serverEnvironment } from './server-config.js';
import { serverPorts } from './server-ports.js';
import { recordHistoryShards, resolveHistoryShards } from './shard-record.js';
import { TemporalServer } from './temporal-server.js';
import { UiServer } from './ui-server.js';

/** PostgreSQL role of the Temporal server. Reachable on 127.0.0.1 only, so a fixed password is enough. */
const DB_USER = 'temporal';
const DB_PASSWORD = 'temporal';

export interface ClusterOptions {
  /** Folder of everything the cluster keeps: PostgreSQL's data directory, logs, the recorded shard count. */
  dataDir: string;
  /** gRPC port of the frontend on 127.0.0.1; the other services' ports derive from it. @defaultValue 7233 */
  frontendPort?: number;
  /** Port of the cluster's PostgreSQL on 127.0.0.1. @defaultValue 55432 */
  postgresPort?: number;
  /**
   * History shards. Only a new data folder takes it; an existing one refuses a different value.
   * @defaultValue 16 for a new data folder, else the recorded value
   */
  historyShards?: number;
  /** Start the Web UI (skipped with a log line when it cannot be built). @defaultValue true */
  ui?: boolean;
  /** Port of the Web UI on 127.0.0.1. @defaultValue frontendPort + 1000 */
  uiPort?: number;
  /** Namespace to register. @defaultValue default */
  namespace?: string;
  /** Retention of closed workflows in the namespace, in days. @defaultValue 30 */
  retentionDays?: number;
  /** Binary cache. @defaultValue .tools in the project root */
  toolsDir?: string;
  /** Temporal server log level (debug, info, warn, error). @defaultValue warn */
  serverLogLevel?: string;
  /** Serve Prometheus metrics on 127.0.0.1 at this port. @defaultValue none (no metrics) */
  metricsPort?: number;
  /** Progress messages. @defaultValue none */
  log?: (message: string) => void;
}

export interface Cluster {
  /** `host:port` of the frontend. */
  address: string;
  /** The Web UI, when it runs. */
  uiUrl?: string;
  /** The shard count the database was created with. */
  historyShards: number;
  /** Absolute data folder (logs: temporal.log, postgres.log, ui.log). */
  dataDir: string;
  /** Rejects when a process of the cluster dies without being asked to. */
  crashed: Promise<never>;
  /** Pids of the Temporal server and of every PostgreSQL process (postmaster and backends), for CPU accounting. */
  serverPids(): number[];
  /** kill -9 of the Temporal server process. */
  killTemporal(): Promise<void>;
  /** Starts the Temporal server again on the same data; resolves when the frontend answers. */
  startTemporal(): Promise<void>;
  /** Fast shutdown of PostgreSQL (clients disconnected, transactions rolled back), then a start. */
  restartPostgres(): Promise<void>;
  /** Stops the Web UI, the Temporal server, then PostgreSQL. */
  stop(): Promise<void>;
}

/**
 * Starts a Temporal cluster on PostgreSQL on this machine, building or installing what is missing first. A second
 * start on the same data folder reuses everything (no initdb; schema updates are no-ops).
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const log = options.log ?? (() => {});
  const dataDir = resolve(options.dataDir);
  const frontendPort = options.frontendPort ?? 7233;
  const namespace = options.namespace ?? 'default';
  const address = `127.0.0.1:${frontendPort}`;
  const ports = serverPorts(frontendPort);
  mkdirSync(dataDir, { recursive: true });
  const historyShards = resolveHistoryShards(dataDir, options.historyShards);
  const binaries = await ensureClusterBinaries({ toolsDir: options.toolsDir, ui: options.ui ?? true, log });

  let crash: (err: Error) => void = () => {};
  const crashed = new Promise<never>((_, reject) => (crash = reject));
  crashed.catch(() => {}); // observed by whoever awaits it; never an unhandled rejection
  const died = (what: string, logFile: string) => (code: number | null, signal: NodeJS.Signals | null) => {
    const message = `${what} exited unexpectedly (code ${code}, signal ${signal}); see ${logFile}`;
    log(message);
    crash(new Error(message));
  };

  const postgres = new Postgres({
    binaries: binaries.postgres,
    dataDir: join(dataDir, 'postgres'),
    port: options.postgresPort ?? 55_432,
    logFile: join(dataDir, 'postgres.log'),
    log,
  });
  const temporal = new TemporalServer({
    binary: binaries.temporal.server,
    configFile: serverConfigTemplate(),
    env: serverEnvironment({
      ports,
      postgresPort: postgres.port,
      user: DB_USER,
      password: DB_PASSWORD,
      historyShards,
      logLevel: options.serverLogLevel ?? 'warn',
      ...(options.metricsPort ? { metricsAddress: `127.0.0.1:${options.metricsPort}` } : {}),
    }),
    address,
    logFile: join(dataDir, 'temporal.log'),
    pidFile: join(dataDir, 'temporal.pid'),
    log,
    onUnexpectedExit: died('the Temporal server', join(dataDir, 'temporal.log')),
  });
  const ui = binaries.ui
    ? new UiServer({
        binary: binaries.ui,
        dataDir,
        temporalAddress: address,
        port: options.uiPort ?? frontendPort + 1000,
        defaultNamespace: namespace,
        onUnexpectedExit: died('the Web UI server', join(dataDir, 'ui.log')),
      })
    : undefined;

  let unwatchPostgres = () => {};
  const stop = async () => {
    unwatchPostgres();
    await ui?.stop();
    await temporal.stop();
    await postgres.stop();
  };

  try {
    await postgres.initialize();
    await postgres.start();
    unwatchPostgres = postgres.watch(() => {
      const message = `PostgreSQL exited unexpectedly; see ${join(dataDir, 'postgres.log')}`;
      log(message);
      crash(new Error(message));
    });
    await postgres.ensureRole(DB_USER, DB_PASSWORD);
    await ensureSchemas({
      postgres,
      sqlTool: binaries.temporal.sqlTool,
      schemaDir: binaries.temporal.postgresSchemaDir,
      user: DB_USER,
      password: DB_PASSWORD,
      log,
    });
    if (!existsSync(join(dataDir, 'history-shards'))) recordHistoryShards(dataDir, historyShards);
    log(`starting the Temporal server on ${address} (${historyShards} history shards)`);
    await temporal.start();
    const connection = await waitForFrontend({ address });
    try {
      if (await ensureNamespace(connection, namespace, options.retentionDays ?? 30)) {
        log(`registered namespace ${namespace}`);
      }
    } finally {
      await connection.close();
    }
    await ui?.start();
  } catch (err) {
    await stop().catch((stopErr: unknown) => log(`cleanup after a failed start: ${String(stopErr)}`));
    throw err;
  }

  return {
    address,
    ...(ui ? { uiUrl: ui.url } : {}),
    historyShards,
    dataDir,
    crashed,
    serverPids() {
      const server = temporal.pid();
      return [...(server === undefined ? [] : processTree(server)), ...postgres.pids()];
    },
    killTemporal: () => temporal.kill(),
    startTemporal: () => temporal.start(),
    restartPostgres: () => postgres.restart(),
    stop,
  };
}
