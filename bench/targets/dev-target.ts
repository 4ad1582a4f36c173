import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { provideTemporalServer } from '../../test/harness/temporal-server.js';
import type { BenchTarget } from './bench-target.js';

export interface DevTargetOptions {
  /** Folder of its SQLite database and log. */
  dataDir: string;
  cliPath: string;
  serverArgs: string[];
  /** Keep the database after the run. */
  keepData: boolean;
}

/** The embedded dev server (one process, SQLite, one history shard), started as `npm start` starts it. */
export async function startDevTarget(options: DevTargetOptions): Promise<BenchTarget> {
  const server = await provideTemporalServer({
    dataDir: options.dataDir,
    cliPath: options.cliPath,
    extraArgs: options.serverArgs,
  });
  const pid = server.pid!;
  return {
    label: 'dev',
    kind: 'dev',
    address: server.address,
    serverArgs: server.args,
    enginePids: () => [pid],
    readDatabase: null,
    crashed: server.crashed,
    async stop() {
      await server.stop();
      if (options.keepData) return;
      for (const suffix of ['', '-wal', '-shm']) {
        rmSync(join(options.dataDir, `temporal.db${suffix}`), { force: true });
      }
    },
  };
}
