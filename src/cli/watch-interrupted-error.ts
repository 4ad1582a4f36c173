/** Thrown when the user interrupts `submit --watch` (Ctrl-C); the DAG is not affected. */
export class WatchInterruptedError extends Error {
  constructor(readonly dagId: string) {
    super(`stopped watching; DAG "${dagId}" keeps running`);
    this.name = 'WatchInterruptedError';
  }
}
