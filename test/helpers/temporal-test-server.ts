// One real Temporal dev server for a whole test run (the harness's embedded server: the pinned CLI, the flags of
// `npm start`, a fresh SQLite database in a temporary folder), shared with the test files through vitest's
// provide/inject.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { temporalCliPath } from '../../src/temporal/dev-server.js';
import { provideTemporalServer } from '../harness/temporal-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
  }
}

/**
 * Starts the server, provides its address to the tests and returns the teardown, which also deletes its data.
 * No search attributes are registered here on purpose: the API and worker must register them on a fresh server.
 */
export async function startTemporalTestServer(
  project: TestProject,
  label: string,
): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), `dag-${label}-`));
  const server = await provideTemporalServer({
    dataDir,
    cliPath: temporalCliPath(process.env.TEMPORAL_CLI_PATH),
  });
  project.provide('temporalAddress', server.address);
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
