/** Thrown when a flag or variable holds a value its schema rejects; the program prints it with its usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}
