/** Thrown when a task lists itself among its dependencies, which could never be satisfied. */
export class SelfDependencyError extends Error {
  constructor(readonly taskId: string) {
    super(`task "${taskId}" cannot depend on itself`);
    this.name = 'SelfDependencyError';
  }
}
