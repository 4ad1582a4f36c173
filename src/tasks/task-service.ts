import type { Client } from '@temporalio/client';
import { createDeadlineCaller } from '../temporal/call-with-deadline.js';
import { readWorkDispatchRate } from '../temporal/task-queue-dispatch-rate.js';
import { AdmissionControl } from './admission-control.js';
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
  /** Admission control limits (see AdmissionControlOptions); 0 turns a check off. @defaultValue 0 and 0 */
  admission?: { maxQueued: number; maxInFlight: number };
}

/** What the API needs of tasks: the write side and the read side, built apart over one Temporal client. */
export interface TaskService {
  submission: TaskSubmission;
  queries: TaskQueries;
  admission: AdmissionControl;
}

export function createTaskService(options: TaskServiceOptions): TaskService {
  const call = createDeadlineCaller(options.client.connection, options.requestDeadlineMs ?? 5_000);
  const lookup = new TaskLookup(options.client, call);
  const queries = new TaskQueries(options.client, lookup, call);
  return {
    submission: new TaskSubmission({
      client: options.client,
      lookup,
      call,
      taskQueue: options.taskQueue,
      relayAfterHistoryEvents: options.relayAfterHistoryEvents ?? 1_000,
    }),
    queries,
    admission: new AdmissionControl({
      queued: async () => (await queries.stats()).by_status.QUEUED,
      startsPerSecond: () => call(() => readWorkDispatchRate(options.client, options.taskQueue)),
      ...(options.admission ?? { maxQueued: 0, maxInFlight: 0 }),
    }),
  };
}
