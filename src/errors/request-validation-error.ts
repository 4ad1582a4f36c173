/** One rule a request broke, located by its path in the body or query string. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Thrown when a request body or query string breaks the API's schema. */
export class RequestValidationError extends Error {
  constructor(
    readonly problems: readonly FieldProblem[],
    message = 'request is invalid',
  ) {
    super(message);
    this.name = 'RequestValidationError';
  }
}
