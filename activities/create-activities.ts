import type { Client } from '@temporalio/client';
import { type WorkMetrics, noWorkMetrics } from '../src/shared/work-metrics.js';
import { createDependencySignals } from './dependency-signals.js';
import { createRunTask } from './run-task.js';
import { createStartDagTasks } from './start-dag-tasks.js';

export interface ActivityDependencies {
  /** Signals the task workflows. */
  client: Client;
  /** Records each attempt of the work. @defaultValue records nothing */
  workMetrics?: WorkMetrics;
}

/** Every activity the worker registers, built from the dependencies they need (tests pass their own). */
export function createActivities({ client, workMetrics = noWorkMetrics }: ActivityDependencies) {
  return {
    runTask: createRunTask(client, workMetrics),
    ...createDependencySignals(client),
    startDagTasks: createStartDagTasks(client),
  };
}
