/** Thrown when admission control refuses a submission because the engine is saturated: 429 OVERLOADED. */
export class OverloadedError extends Error {
  constructor(
    readonly reason: string,
    /** When the client should try again, in whole seconds (the Retry-After header). */
    readonly retryAfterSeconds: number,
  ) {
    super(`the scheduler is overloaded (${reason}); retry after ${retryAfterSeconds} s`);
    this.name = 'OverloadedError';
  }
}
