/** Thrown when a list request carries a cursor that no earlier list response produced. */
export class InvalidCursorError extends Error {
  constructor(options?: ErrorOptions) {
    super('cursor is not a next_cursor returned by this API', options);
    this.name = 'InvalidCursorError';
  }
}
