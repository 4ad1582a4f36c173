// Starts one real Temporal dev server (the pinned CLI, same flags as `npm start`) for the whole test run.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TestProject } from 'vitest/node';
import { extraDevServerArgs, temporalCliPath } from '../src/temporal/dev-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
  }
}

export default async function setup(project: TestProject) {
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      // The SDK's default downloads a binary, which cannot work offline: use the one scripts/setup.mjs installed.

      executable: { type: 'existing-path', path: temporalCliPath(process.env.TEMPORAL_CLI_PATH) },
      ip: '127.0.0.1',
      ui: false,
      extraArgs: extraDevServerArgs(),
      // No searchAttributes here on purpose: the API and worker must register them on a fresh server.
    },
  });
  project.provide('temporalAddress', env.address);
  return async () => {
    await env.teardown();
  };
}
