/** Thrown when the Temporal server cannot be reached or started, or dies while it is needed. */
export class ServerUnavailableError extends Error {
  override name = 'ServerUnavailableError';
}
