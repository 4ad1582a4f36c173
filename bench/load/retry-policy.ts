/** The first wait after an answer without Retry-After (a lost connection, a 502): doubled per attempt. */
const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5_000;
/** Up to this fraction of Retry-After is added at random, so that clients refused together do not return together. */
const RETRY_AFTER_JITTER = 0.5;

/**
 * How long a client waits before retrying, as docs/api.md tells clients to: after `Retry-After` plus jitter when
 * the answer has one (429, 503), else with exponential backoff and full jitter.
 * @param attempt 0 for the first retry
 * @param random in [0, 1) @defaultValue Math.random
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return retryAfterMs * (1 + RETRY_AFTER_JITTER * random());
  const ceiling = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt);
  return ceiling * (0.5 + 0.5 * random());
}

/** Retry-After in ms from its header (seconds; an HTTP date is not sent by the API), or undefined. */
export function parseRetryAfter(header: string | null): number | undefined {
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim()) * 1_000;
}
