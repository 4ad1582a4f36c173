/** Thrown when a DAG submission names a `dag_id` that an earlier submission with other tasks already has. */
export class DagExistsError extends Error {
  constructor(readonly dagId: string) {
    super(`DAG "${dagId}" already exists with other tasks`);
    this.name = 'DagExistsError';
  }
}
