/** Thrown when the Temporal frontend cannot be reached (or does not answer in time). */
export class TemporalUnavailableError extends Error {
  constructor(options?: ErrorOptions) {
    super('the Temporal server is unavailable; retry later', options);
    this.name = 'TemporalUnavailableError';
  }
}
