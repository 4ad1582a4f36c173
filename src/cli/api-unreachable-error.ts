/** Thrown when no answer comes from the API: connection refused, unknown host, or no answer in time. */
export class ApiUnreachableError extends Error {
  constructor(
    /** The `--api` URL. */
    readonly apiUrl: string,
    /** Why, e.g. `connect ECONNREFUSED 127.0.0.1:3000`. */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`cannot reach the API at ${apiUrl}: ${reason}`, options);
    this.name = 'ApiUnreachableError';
  }
}
