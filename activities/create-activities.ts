import type { Client } from '@temporalio/client';
import { createDependencySignals } from './dependency-signals.js';
import { createRunTask } from './run-task.js';

/** Every activity the worker registers, built from the dependencies they need (tests pass their own). */
export function createActivities({ client }: { client: Client }) {
  return {
    runTask: createRunTask(client),
    ...createDependencySignals(client),
  };
}
