import { ActivityCancellationType, type ActivityOptions } from '@temporalio/workflow';
import type { TaskSpec } from '../src/shared/task-definition.js';

/**
 * How long a worker may go silent before Temporal declares the attempt lost and retries it elsewhere. The work
 * heartbeats every second (and the worker sends each one: src/worker/create-worker.ts), so a `kill -9`ed worker's
 * task is retried within about 2 × this plus the first retry interval: under the 10 s recovery promise.
 */
export const HEARTBEAT_TIMEOUT_MS = 3_000;

/** First retry delay; each further retry waits twice as long, up to 30 s. */
export const RETRY_INITIAL_INTERVAL_MS = 1_000;

/**
 * Options of the work activity, sized to the task: retries, timeouts, a summary for the Web UI, and the task queue
 * when its type has one of its own (TASK_TYPE_LIMITS).
 */
export function workActivityOptions(spec: TaskSpec, taskQueue?: string): ActivityOptions {
  return {
    ...(taskQueue !== undefined && { taskQueue }),
    // A hung attempt (no heartbeat) is caught by the heartbeat timeout; this only bounds a live but stuck one.
    startToCloseTimeout: spec.duration_ms + 5 * 60_000,
    heartbeatTimeout: HEARTBEAT_TIMEOUT_MS,
    retry: {
      maximumAttempts: spec.max_attempts,
      initialInterval: RETRY_INITIAL_INTERVAL_MS,
      backoffCoefficient: 2,
      maximumInterval: '30 s',
    },
    summary: `${spec.type} ${spec.id}`,
    // A cancelled task settles only once its work has stopped (seen at its next heartbeat): CANCELLED means the
    // worker slot is free again, and the work never runs on after it.
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    // Matching hands out a task queue's backlog by this key, lowest first; unset is the middle of 1-5.
    ...(spec.priority !== undefined && { priority: { priorityKey: spec.priority } }),
  };
}
