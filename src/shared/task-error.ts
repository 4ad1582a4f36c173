/**
 * Why a task ended FAILED or CANCELLED: the `error.code` of the task, and the failure type of its workflow.
 */
export const TaskErrorCode = {
  /** A dependency (or one of its dependencies) failed, so this task never ran. */
  DEPENDENCY_FAILED: 'DEPENDENCY_FAILED',
  /** A dependency was cancelled (without cascade), so this task never ran. */
  DEPENDENCY_CANCELLED: 'DEPENDENCY_CANCELLED',
  /** CANCELLED: by a request (API or Web UI), or with a dependency cancelled with cascade. */
  CANCELLED: 'CANCELLED',
  /** Every attempt of the work failed. */
  ATTEMPTS_EXHAUSTED: 'ATTEMPTS_EXHAUSTED',
  /** The workflow was terminated, cancelled or timed out from outside (e.g. in the Web UI). */
  TERMINATED: 'TERMINATED',
} as const;
export type TaskErrorCode = (typeof TaskErrorCode)[keyof typeof TaskErrorCode];

/** The error of a failed task or attempt, as answers show it. */
export interface TaskError {
  code: string;
  message: string;
}
