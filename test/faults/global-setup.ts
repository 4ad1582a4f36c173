// `npm run test:faults`: the faults are injected into the embedded server as `npm start` runs it, persisting to a
// SQLite file (WAL), not into an in-memory one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startTemporalTestServer } from '../helpers/temporal-test-server.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dag-faults-'));
  const teardown = await startTemporalTestServer(project, { dbFilename: join(dataDir, 'temporal.db') });
  return async () => {
    await teardown();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
