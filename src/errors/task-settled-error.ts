import type { SettledStatus } from '../shared/task-status.js';

/** Thrown when a task to cancel has already completed or failed: nothing is left to cancel. */
export class TaskSettledError extends Error {
  constructor(
    readonly taskId: string,
    readonly status: SettledStatus,
  ) {
    super(`task "${taskId}" is already ${status}`);
    this.name = 'TaskSettledError';
  }
}
