// One real Temporal dev server (the pinned CLI, same flags as `npm start`) for a whole test run, shared with the
// test files through vitest's provide/inject.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TestProject } from 'vitest/node';
import { extraDevServerArgs, temporalCliPath } from '../../src/temporal/dev-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
  }
}

export interface TemporalTestServerOptions {
  /** SQLite file to persist to, as `npm start` does; in memory when unset. */
  dbFilename?: string;
}

/** Starts the server, provides its address to the tests and returns the teardown. */
export async function startTemporalTestServer(
  project: TestProject,
  options: TemporalTestServerOptions = {},
): Promise<() => Promise<void>> {
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      // The SDK's default downloads a binary, which cannot work offline: use the one scripts/setup.mjs installed.
      executable: { type: 'existing-path', path: temporalCliPath(process.env.TEMPORAL_CLI_PATH) },
      ip: '127.0.0.1',
      ui: false,
      dbFilename: options.dbFilename,
      extraArgs: extraDevServerArgs(),
      // No searchAttributes here on purpose: the API and worker must register them on a fresh server.
    },
  });
  project.provide('temporalAddress', env.address);
  return () => env.teardown();
}
