import type { WorkflowExecutionInfo } from '@temporalio/client';
import {
  MEMO_ERROR,
  MEMO_SPEC,
  SearchAttributes,
  type TaskError,
  TaskErrorCode,
  type TaskSpec,
  TaskStatus,
} from '../../workflows/task-model.js';

/** A task as every endpoint returns it. */
export interface Task extends Omit<TaskSpec, 'created_at'> {
  status: TaskStatus;
  attempts: number;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  error: TaskError | null;
}

/** The parts of a workflow execution (from describe or from a visibility listing) that make up a task. */
export type TaskExecution = Pick<
  WorkflowExecutionInfo,
  'status' | 'memo' | 'typedSearchAttributes' | 'closeTime'
>;

/**
 * The task's status: the TaskStatus search attribute the workflow keeps, unless the execution was closed from
 * outside (terminated, cancelled, timed out) before it could record a final state.
 */
export function statusOf(execution: TaskExecution): TaskStatus {
  const recorded = execution.typedSearchAttributes.get(SearchAttributes.status) as TaskStatus | undefined;
  if (wasClosedFromOutside(execution)) return TaskStatus.FAILED;
  return recorded ?? TaskStatus.WAITING;
}

function wasClosedFromOutside(execution: TaskExecution): boolean {
  const closedFromOutside = ['TERMINATED', 'CANCELLED', 'TIMED_OUT'].includes(execution.status.name);
  const recorded = execution.typedSearchAttributes.get(SearchAttributes.status);
  return closedFromOutside && recorded !== TaskStatus.COMPLETED && recorded !== TaskStatus.FAILED;
}

export function toTask(execution: TaskExecution): Task {
  const spec = execution.memo?.[MEMO_SPEC] as TaskSpec;
  const attrs = execution.typedSearchAttributes;
  const startedAt = attrs.get(SearchAttributes.startedAt);
  let completedAt = attrs.get(SearchAttributes.completedAt);
  let error = (execution.memo?.[MEMO_ERROR] as TaskError | undefined) ?? null;
  const status = statusOf(execution);
  if (wasClosedFromOutside(execution)) {
    completedAt = execution.closeTime;
    error = {
      code: TaskErrorCode.TERMINATED,
      message: `the workflow was ${execution.status.name.toLowerCase()} outside the scheduler`,
    };
  }
  return {
    id: spec.id,
    type: spec.type,
    duration_ms: spec.duration_ms,
    dependencies: spec.dependencies,
    max_attempts: spec.max_attempts,
    fail_attempts: spec.fail_attempts,
    status,
    attempts: attrs.get(SearchAttributes.attempts) ?? 0,
    created_at: spec.created_at,
    started_at: startedAt?.toISOString() ?? null,
    completed_at: completedAt?.toISOString() ?? null,
    // While a retry is pending the last attempt's error is kept in the memo: only a FAILED task reports one.
    error: status === TaskStatus.FAILED ? error : null,
  };
}
