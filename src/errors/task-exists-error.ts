/** Thrown when a submission reuses the id of an existing task but differs from it in some field. */
export class TaskExistsError extends Error {
  constructor(
    readonly taskId: string,
    readonly differingFields: readonly string[],
  ) {
    super(`task "${taskId}" already exists with different ${differingFields.join(', ')}`);
    this.name = 'TaskExistsError';
  }
}
