/** Retry-After bounds, in seconds: at least one (the header's unit), and never long enough to idle a drained engine. */
const MIN_RETRY_AFTER_S = 1;
export const MAX_RATE_RETRY_AFTER_S = 30;

export type RateAnswer = { admitted: true } | { admitted: false; retryAfterSeconds: number };

/**
 * At most `perSecond` new tasks a second on this API: a token bucket that holds one second's worth, so a quiet API
 * admits a short burst at once. A DAG takes one token per task and may leave the bucket in debt: it is admitted
 * whole whenever a token is there, and what follows waits until the debt is paid.
 *
 * A refused client is not told "1 s" (then every refused client comes back at once, and on two cores a few
 * hundred refusals a second cost the API, the clients and the engine a third more CPU per task: measured in
 * docs/performance.md). Each refusal reserves the next free slot after the ones already handed out and answers
 * Retry-After for it, so the clients that were refused come back about one slot apart, at the rate tasks are
 * admitted. Reservations are not enforced (a client that returns early or never returns takes or leaves a token
 * like any other) and reach at most MAX_RATE_RETRY_AFTER_S ahead, so clients that gave up cannot push the
 * others' slots ever later.
 */
export class StartRateLimit {
  private capacity: number;
  private tokens: number;
  private refilledAt: number;
  /** When the tokens promised to refused clients will all have come, in ms. */
  private reservedUntil = 0;

  constructor(
    private perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.capacity = Math.max(1, perSecond);
    this.tokens = this.capacity;
    this.refilledAt = now();
  }

  /** Admits at `perSecond` from now on (AdaptiveStartRate moves it); the tokens there are kept, up to the new capacity. */
  setRate(perSecond: number): void {
    if (perSecond === this.perSecond) return;
    this.refill();
    this.perSecond = perSecond;
    this.capacity = Math.max(1, perSecond);
    this.tokens = Math.min(this.capacity, this.tokens);
  }

  /** Takes `tasks` tokens if at least one is there, else reserves a slot for them and says when it falls. */
  take(tasks: number): RateAnswer {
    const at = this.refill();
    if (this.tokens >= 1) {
      this.tokens -= tasks;
      return { admitted: true };
    }
    const firstTokenAt = at + ((1 - this.tokens) / this.perSecond) * 1_000;
    const slotAt = Math.min(Math.max(this.reservedUntil, firstTokenAt), at + MAX_RATE_RETRY_AFTER_S * 1_000);
    this.reservedUntil = slotAt + (tasks / this.perSecond) * 1_000;
    const seconds = Math.ceil((slotAt - at) / 1_000);
    return { admitted: false, retryAfterSeconds: Math.max(MIN_RETRY_AFTER_S, seconds) };
  }

  private refill(): number {
    const at = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((at - this.refilledAt) / 1_000) * this.perSecond);
    this.refilledAt = at;
    return at;
  }
}
