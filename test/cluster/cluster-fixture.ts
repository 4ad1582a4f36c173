// A real Temporal cluster on PostgreSQL (src/cluster, as `npm run cluster` starts it) for cluster tests: its own
// data folder in the system's temp dir and free ports, so it never meets a developer's `npm run cluster` data.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Cluster, freeFrontendPort, startCluster } from '../../src/cluster/index.js';
import { freePort } from '../harness/free-port.js';

export interface ClusterFixture {
  cluster: Cluster;
  /** Stops the cluster and deletes its data. */
  dispose(): Promise<void>;
}

export async function startTestCluster(label: string): Promise<ClusterFixture> {
  const dataDir = mkdtempSync(join(tmpdir(), `dag-cluster-${label}-`));
  // mkdtemp makes it 0700; PostgreSQL runs as the postgres OS user and must reach its data folder inside.
  chmodSync(dataDir, 0o755);
  const log = (message: string) => process.stderr.write(`[cluster ${label}] ${message}\n`);
  const cluster = await startCluster({
    dataDir,
    frontendPort: await freeFrontendPort(),
    postgresPort: await freePort(),
    ui: false,
    log,
  });
  return {
    cluster,
    async dispose() {
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
