import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureClusterBinaries, freeFrontendPort, startCluster } from '../../src/cluster/index.js';
import { freePort } from '../../test/harness/free-port.js';
import type { BenchTarget } from './bench-target.js';
import { readPostgresCounters } from './postgres-counters.js';

export interface ClusterTargetOptions {
  label: string;
  /** Registered at start-up, like `npm run cluster` does with `default`. */
  namespace: string;
  historyShards: number;
  /** Where the cluster's logs are copied when it stops. */
  logDir: string;
  keepData: boolean;
  log: (message: string) => void;
}

/**
 * A fresh local Temporal cluster on PostgreSQL (src/cluster, as `npm run cluster` runs it, without the Web UI) in
 * a temporary folder: a new database each run, so the shard count is the one asked for. The folder lives under
 * the system's temp dir, which the postgres OS user can reach, and goes when the run ends unless kept.
 */
export async function startClusterTarget(options: ClusterTargetOptions): Promise<BenchTarget> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dag-bench-cluster-'));
  // mkdtemp makes it 0700; PostgreSQL runs as the postgres OS user and must reach its data folder inside.
  chmodSync(dataDir, 0o755);
  const postgresPort = await freePort();
  const removeData = () => {
    for (const log of ['temporal.log', 'postgres.log']) {
      const file = join(dataDir, log);
      if (existsSync(file)) copyFileSync(file, join(options.logDir, `cluster-${log}`));
    }
    if (options.keepData) options.log(`cluster data kept in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const binaries = await ensureClusterBinaries({ ui: false, log: options.log });
    const cluster = await startCluster({
      dataDir,
      frontendPort: await freeFrontendPort(),
      postgresPort,
      historyShards: options.historyShards,
      namespace: options.namespace,
      ui: false,
      log: options.log,
    });
    return {
      label: options.label,
      kind: 'cluster',
      address: cluster.address,
      serverArgs: null,
      enginePids: () => cluster.serverPids(),
      readDatabase: () => readPostgresCounters(binaries.postgres.psql, postgresPort),
      crashed: cluster.crashed,
      async stop() {
        try {
          await cluster.stop();
        } finally {
          removeData();
        }
      },
    };
  } catch (err) {
    removeData();
    throw err;
  }
}
