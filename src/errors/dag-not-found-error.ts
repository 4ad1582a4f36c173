/** Thrown when no DAG has the requested id. */
export class DagNotFoundError extends Error {
  constructor(readonly dagId: string) {
    super(`DAG "${dagId}" does not exist`);
    this.name = 'DagNotFoundError';
  }
}
