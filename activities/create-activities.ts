import type { Client } from '@temporalio/client';
import type { TaskTypeLimits } from '../src/shared/task-type-queues.js';
import { type WorkMetrics, noWorkMetrics } from '../src/shared/work-metrics.js';
import { createDependencySignals } from './dependency-signals.js';
import { createRunTask } from './run-task.js';
import { createStartDagTasks } from './start-dag-tasks.js';

export interface ActivityDependencies {
  /** Signals the task workflows. */
  client: Client;
  /** Records each attempt of the work. @defaultValue records nothing */
  workMetrics?: WorkMetrics;
  /** TASK_TYPE_LIMITS, for the tasks a DAG submission starts. @defaultValue none */
  typeLimits?: TaskTypeLimits;
}

/** Every activity the worker registers, built from the dependencies they need (tests pass their own). */
export function createActivities({
  client,
  workMetrics = noWorkMetrics,
  typeLimits = {},
}: ActivityDependencies) {
  return {
    runTask: createRunTask(client, workMetrics),
    ...createDependencySignals(client),
    startDagTasks: createStartDagTasks(client, typeLimits),
  };
}
