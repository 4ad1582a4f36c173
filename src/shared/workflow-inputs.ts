// What the API passes to the workflows it starts, and what the work activity hands back.
import type { TaskSpec } from './task-definition.js';
import { TaskStatus } from './task-status.js';

export interface TaskWorkflowInput {
  spec: TaskSpec;
  /** Dependencies the API saw COMPLETED at submission; COMPLETED is final, so the workflow need not ask again. */
  completed_dependencies: string[];
  /**
   * Dependencies whose history was already long at submission: this task subscribes to their dependents relay
   * instead of to them (see `dependents-relay-workflow.ts`).
   */
  relayed_dependencies?: string[];
  /** Carried over by continue-as-new: workflow ids of the dependents that subscribed to an earlier run. */
  subscribers?: string[];
  /** Carried over by continue-as-new: the earlier run already subscribed to the unsettled dependencies. */
  subscribed_to_dependencies?: boolean;
  /** Continue as new past this many history events while waiting (tests lower it). @defaultValue 4000 */
  history_event_limit?: number;
  /**
   * Task queue of the work activity: the task type's own under TASK_TYPE_LIMITS, fixed at submission. Unset: the
   * workflow's own task queue.
   */
  work_task_queue?: string;
}

export interface DependentsRelayInput {
  /** The task whose outcome this relay passes on. */
  task_id: string;
  /** Carried over by continue-as-new: workflow ids of the dependents that subscribed to an earlier run. */
  subscribers?: string[];
  /** Carried over by continue-as-new: the earlier run already subscribed to the task. */
  subscribed?: boolean;
  /** Continue as new past this many history events (tests lower it). @defaultValue 4000 */
  history_event_limit?: number;
}

/** Result of one successful run of the work. */
export interface TaskRunResult {
  /** Number of the attempt that succeeded. */
  attempt: number;
  /** When that attempt started (ISO 8601 UTC). */
  started_at: string;
  /** When the work finished, on the worker's clock: the task's `completed_at`. */
  finished_at: string;
}

/** Milliseconds from `now` (ms since the epoch) until the task's `not_before`; 0 when it has passed or is unset. */
export function msUntilDue(spec: TaskSpec, now: number): number {
  return spec.not_before === undefined ? 0 : Math.max(0, Date.parse(spec.not_before) - now);
}

/**
 * A task starts QUEUED when every dependency had already completed at submission and its `not_before` (if any)
 * had passed, WAITING otherwise. Computed from the submission alone, so the API's answer and the workflow agree.
 */
export function initialStatus(input: TaskWorkflowInput): TaskStatus {
  const completed = new Set(input.completed_dependencies);
  const due = msUntilDue(input.spec, Date.parse(input.spec.created_at)) === 0;
  return due && input.spec.dependencies.every((id) => completed.has(id))
    ? TaskStatus.QUEUED
    : TaskStatus.WAITING;
}
