// A task's lifecycle: WAITING → QUEUED → RUNNING → COMPLETED / FAILED, or CANCELLED from any unsettled status.

export const TaskStatus = {
  WAITING: 'WAITING',
  QUEUED: 'QUEUED',
  RUNNING: 'RUNNING',
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
  CANCELLED: 'CANCELLED',
} as const;
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];
export const TASK_STATUSES = Object.values(TaskStatus);

/** Final states: a dependency in one of these never changes again. */
export type SettledStatus =
  typeof TaskStatus.COMPLETED | typeof TaskStatus.FAILED | typeof TaskStatus.CANCELLED;

export const isSettled = (status: TaskStatus): status is SettledStatus =>
  status === TaskStatus.COMPLETED || status === TaskStatus.FAILED || status === TaskStatus.CANCELLED;
