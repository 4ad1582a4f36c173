/**
 * Thrown when the API answers an error: its `{error: {code, message}}`, or, for an answer without that shape (a
 * proxy's page, a body that is not what the endpoint promises), `HTTP_<status>` and what was wrong.
 */
export class ApiError extends Error {
  constructor(
    /** HTTP status of the answer. */
    readonly status: number,
    /** The API's error code, e.g. `UNKNOWN_DEPENDENCY`. */
    readonly code: string,
    /** The API's message, as it sent it. */
    readonly apiMessage: string,
  ) {
    super(`${code}: ${apiMessage}`);
    this.name = 'ApiError';
  }
}
