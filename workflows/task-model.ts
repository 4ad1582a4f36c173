// Task vocabulary shared by the workflow, the activities and the API. Pure: it is bundled into workflow code.
import { defineSearchAttributeKey } from '@temporalio/common';

export const TaskStatus = {
  WAITING: 'WAITING',
  QUEUED: 'QUEUED',
  RUNNING: 'RUNNING',
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
} as const;
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];
export const TASK_STATUSES = Object.values(TaskStatus);

/** Final states: a dependency in one of these never changes again. */
export type SettledStatus = typeof TaskStatus.COMPLETED | typeof TaskStatus.FAILED;

export const TaskErrorCode = {
  /** A dependency (or one of its dependencies) failed, so this task never ran. */
  DEPENDENCY_FAILED: 'DEPENDENCY_FAILED',
  /** Every attempt of the work failed. */
  ATTEMPTS_EXHAUSTED: 'ATTEMPTS_EXHAUSTED',
  /** The workflow was terminated, cancelled or timed out from outside (e.g. in the Web UI). */
  TERMINATED: 'TERMINATED',
} as const;
export type TaskErrorCode = (typeof TaskErrorCode)[keyof typeof TaskErrorCode];

export interface TaskError {
  code: string;
  message: string;
}

/** What a client submitted: immutable for the life of the task, stored in the workflow memo. */
export interface TaskSpec {
  id: string;
  type: string;
  duration_ms: number;
  dependencies: string[];
  max_attempts: number;
  fail_attempts: number;
  /** When the API accepted the task (ISO 8601 UTC). */
  created_at: string;
}

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

export const WORKFLOW_TYPE = 'taskWorkflow';
export const MEMO_SPEC = 'task';
export const MEMO_ERROR = 'error';

/** Workflow ids are the task id behind a fixed prefix, so a task is easy to find in the Web UI. */
export const WORKFLOW_ID_PREFIX = 'task-';
export const taskWorkflowId = (taskId: string): string => `${WORKFLOW_ID_PREFIX}${taskId}`;
/** The relay of a task's dependents: another prefix, so it never collides with a task's workflow id. */
export const RELAY_WORKFLOW_TYPE = 'dependentsRelayWorkflow';
export const relayWorkflowId = (taskId: string): string => `dependents-${taskId}`;
export const taskIdFromWorkflowId = (workflowId: string): string =>
  workflowId.slice(WORKFLOW_ID_PREFIX.length);

/** Custom search attributes: what list, filter and stats query, and what the Web UI shows as columns. */
export const SearchAttributes = {
  status: defineSearchAttributeKey('TaskStatus', 'KEYWORD'),
  type: defineSearchAttributeKey('TaskType', 'KEYWORD'),
  attempts: defineSearchAttributeKey('TaskAttempts', 'INT'),
  startedAt: defineSearchAttributeKey('TaskStartedAt', 'DATETIME'),
  completedAt: defineSearchAttributeKey('TaskCompletedAt', 'DATETIME'),
} as const;

/** A task starts QUEUED when every dependency had already completed at submission, WAITING otherwise. */
export function initialStatus(input: TaskWorkflowInput): TaskStatus {
  const completed = new Set(input.completed_dependencies);
  return input.spec.dependencies.every((id) => completed.has(id)) ? TaskStatus.QUEUED : TaskStatus.WAITING;
}
