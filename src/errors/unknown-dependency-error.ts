/** Thrown when a submission names dependencies that were never submitted. */
export class UnknownDependencyError extends Error {
  constructor(readonly missingIds: readonly string[]) {
    super(`unknown dependencies: ${missingIds.map((id) => `"${id}"`).join(', ')}`);
    this.name = 'UnknownDependencyError';
  }
}
