import type { WorkflowExecutionInfo } from '@temporalio/client';
import { SearchAttributes } from './task-search-attributes.js';
import { TaskStatus, isSettled } from './task-status.js';

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

/**
 * True when the workflow was terminated, cancelled or timed out before it recorded a final status. (A cancellation
 * from the Web UI is handled by the workflow, which records CANCELLED first.)
 */
export function wasClosedFromOutside(execution: TaskExecution): boolean {
  const closedFromOutside = ['TERMINATED', 'CANCELLED', 'TIMED_OUT'].includes(execution.status.name);
  const recorded = execution.typedSearchAttributes.get(SearchAttributes.status) as TaskStatus | undefined;
  return closedFromOutside && (recorded === undefined || !isSettled(recorded));
}
