/** Thrown when the tasks of a DAG submission depend on each other in a circle, so none of them could ever start. */
export class DagCycleError extends Error {
  constructor(
    /** The cycle in order, each task depending on the next, its first id repeated at the end. */
    readonly cycle: readonly string[],
  ) {
    super(`the tasks form a cycle: ${cycle.map((id) => `"${id}"`).join(' → ')}`);
    this.name = 'DagCycleError';
  }
}
