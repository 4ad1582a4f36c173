/** Thrown when no task has the requested id. */
export class TaskNotFoundError extends Error {
  constructor(readonly taskId: string) {
    super(`task "${taskId}" does not exist`);
    this.name = 'TaskNotFoundError';
  }
}
