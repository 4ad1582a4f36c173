import type { Client } from '@temporalio/client';
import type { TaskTypeLimits } from '../shared/task-type-queues.js';
import { createDeadlineCaller } from '../temporal/call-with-deadline.js';
import { readWorkDispatchRate } from '../temporal/task-queue-dispatch-rate.js';
import { AdmissionControl } from './admission-control.js';
import { DagQueries } from './dag-queries.js';
import { DagSubmission } from './dag-submission.js';
import { DagSubmissions } from './dag-submissions.js';
import { DependencyCheck } from './dependency-check.js';
import { ExistingTasks } from './existing-tasks.js';
import { QueuedBacklog } from './queued-backlog.js';
import { TaskCancellation } from './task-cancellation.js';
import { TaskDependents } from './task-dependents.js';
import { TaskLookup } from './task-lookup.js';
import { TaskQueries } from './task-queries.js';
import { TaskSubmission } from './task-submission.js';

export interface TaskServiceOptions {
  client: Client;
  taskQueue: string;
  /** Deadline of each Temporal call made for one request, in ms. @defaultValue 5000 */
  requestDeadlineMs?: number;
  /**
   * New dependents of a task whose history holds more events than this subscribe through its relay workflow.
   * @defaultValue 1000
   */
  relayAfterHistoryEvents?: number;
  /** TASK_TYPE_LIMITS: the types whose work runs on a task queue of its own. @defaultValue none */
  taskTypeLimits?: TaskTypeLimits;
  /** Admission control limits (see AdmissionControlOptions); 0 turns a check off. @defaultValue 0 and 0 */
  admission?: { maxQueued: number; maxInFlight: number; maxPerSecond?: number; slowAfterMs?: number };
  /**
   * How long `POST /api/dags` waits for every task of the DAG to exist before it answers `202` (with a link to
   * follow) instead of `201` (with the tasks), in ms. About a thousand tasks are created within the default on the
   * dev server. @defaultValue 5000
   */
  dagAnswerWaitMs?: number;
}

/** What the API needs of tasks and DAGs: the write sides and the read sides, built apart over one client. */
export interface TaskService {
  submission: TaskSubmission;
  queries: TaskQueries;
  dependents: TaskDependents;
  cancellation: TaskCancellation;
  admission: AdmissionControl;
  dags: DagSubmission;
  dagQueries: DagQueries;
}

export function createTaskService(options: TaskServiceOptions): TaskService {
  const { client, taskQueue } = options;
  const call = createDeadlineCaller(client.connection, options.requestDeadlineMs ?? 5_000);
  const lookup = new TaskLookup(client, call);
  const queries = new TaskQueries(client, lookup, call);
  const dependencies = new DependencyCheck(lookup, options.relayAfterHistoryEvents ?? 1_000);
  const existing = new ExistingTasks(client, call);
  const submissions = new DagSubmissions(client, call);
  const backlog = new QueuedBacklog(client, call, taskQueue);
  const dagQueries = new DagQueries(client, call, submissions, existing, lookup);
  const admission = new AdmissionControl({
    queued: () => backlog.count(),
    startsPerSecond: () => call(() => readWorkDispatchRate(options.client, options.taskQueue)),
    ...(options.admission ?? { maxQueued: 0, maxInFlight: 0 }),
  });
  return {
    submission: new TaskSubmission({
      client,
      lookup,
      dependencies,
      call,
      taskQueue,
      typeLimits: options.taskTypeLimits ?? {},
      onStarted: (ms) => admission.startTook(ms),
    }),
    queries,
    dependents: new TaskDependents(client, lookup, call),
    cancellation: new TaskCancellation(client, lookup, call),
    admission,
    dags: new DagSubmission({
      client,
      call,
      taskQueue,
      dependencies,
      existing,
      submissions,
      queries: dagQueries,
      answerWaitMs: options.dagAnswerWaitMs ?? 5_000,
    }),
    dagQueries,
  };
}
