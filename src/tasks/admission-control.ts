import { OverloadedError } from '../errors/overloaded-error.js';
import { TemporalUnavailableError } from '../errors/temporal-unavailable-error.js';
import { AdaptiveStartRate } from './adaptive-start-rate.js';
import { StartRateLimit } from './start-rate-limit.js';

/** Retry-After bounds, in seconds: at least one, and never so long that a drained engine sits idle. */
const MIN_RETRY_AFTER_S = 1;
const MAX_RETRY_AFTER_S = 10;
/**
 * The start rate the estimate assumes at least, in tasks per second. The server's rate is a 30-s average, so it
 * lags the start of a burst: measured in the bench smoke run, a backlog of a few tasks over a near-zero average
 * asked every client to wait the maximum, round after round.
 */
const MIN_STARTS_PER_SECOND = 1;

/** One dispatch-rate reading serves the refusals of this window: one cheap RPC a second per API at most. */
const RATE_CACHE_MS = 1_000;

/** The adaptive rate's bounds without ADMISSION_MAX_RATE, in new tasks per second per API. */
const ADAPTIVE_INITIAL_RATE = 50;
const ADAPTIVE_MAX_RATE = 100_000;
const ADAPTIVE_MIN_RATE = 1;

export interface AdmissionControlOptions {
  /**
   * Tasks QUEUED on this deployment's task queue now: ready to run, their work not started (a visibility count,
   * cached briefly: QueuedBacklog).
   */
  queued: () => Promise<number>;
  /** How fast the work of QUEUED tasks starts, in tasks per second; only read to compute a Retry-After. */
  startsPerSecond: () => Promise<number>;
  /** Refuse new submissions while more tasks than this are QUEUED. 0 turns this check off. */
  maxQueued: number;
  /** Refuse new submissions while this API process already has this many in flight. 0 turns this check off. */
  maxInFlight: number;
  /**
   * Admit at most this many new tasks a second on this API process (a DAG counts its tasks; StartRateLimit).
   * 0 turns this check off. @defaultValue 0
   */
  maxPerSecond?: number;
  /**
   * Adapt the admitted rate to the engine (AdaptiveStartRate): workflow starts slower than the quiet baseline by
   * more than this many milliseconds lower it, refusals while they stay fast raise it, up to maxPerSecond when set.
   * 0 turns it off. @defaultValue 0
   */
  slowAfterMs?: number;
  /** Clock in ms (tests pass their own). @defaultValue Date.now */
  now?: () => number;
}

/**
 * Admission control: answers 429 OVERLOADED instead of starting more workflows than the engine can run. Checked in
 * order: submissions in flight on this API; the admitted rate (fixed, or adaptive: AdaptiveStartRate, which follows
 * the latency of this API's workflow starts and keeps the engine from queueing them ahead of the work already
 * admitted), whose refusals cost no Temporal call; then the QUEUED backlog: tasks whose dependencies are done but
 * whose work has not started, a backstop that bounds how long admitted tasks wait for a worker. There Retry-After
 * is the time the backlog above the limit takes to drain at the rate work starts.
 */
export class AdmissionControl {
  private inFlight = 0;
  private rate?: { at: number; perSecond: Promise<number> };
  private queuedSeen?: number;
  private readonly now: () => number;
  private readonly rateLimit?: StartRateLimit;
  private readonly adaptive?: AdaptiveStartRate;

  constructor(private readonly options: AdmissionControlOptions) {
    this.now = options.now ?? Date.now;
    const maxPerSecond = options.maxPerSecond ?? 0;
    const slowAfterMs = options.slowAfterMs ?? 0;
    if (slowAfterMs > 0) {
      const max = maxPerSecond > 0 ? maxPerSecond : ADAPTIVE_MAX_RATE;
      this.adaptive = new AdaptiveStartRate({
        initial: Math.min(max, ADAPTIVE_INITIAL_RATE),
        min: Math.min(max, ADAPTIVE_MIN_RATE),
        max,
        slowAfterMs,
        now: this.now,
      });
    }
    const perSecond = this.adaptive?.current() ?? maxPerSecond;
    if (perSecond > 0) this.rateLimit = new StartRateLimit(perSecond, this.now);
  }

  /** New tasks per second this API admits now; undefined when no rate limit is set. */
  admittedRate(): number | undefined {
    return this.adaptive?.current() ?? (this.options.maxPerSecond || undefined);
  }

  /** The QUEUED backlog as the last backlog check counted it; undefined before one, or without maxQueued. */
  lastQueued(): number | undefined {
    return this.queuedSeen;
  }

  /** Runs `submit` (of `tasks` new tasks) if the engine has room, else throws OverloadedError. */
  async admit<T>(submit: () => Promise<T>, tasks = 1): Promise<T> {
    const { maxInFlight, maxQueued } = this.options;
    if (maxInFlight > 0 && this.inFlight >= maxInFlight) {
      throw new OverloadedError(`${this.inFlight} submissions in flight on this API`, MIN_RETRY_AFTER_S);
    }
    // First: it costs no Temporal call, and while it refuses, the backlog count is not read either.
    if (this.adaptive) this.rateLimit!.setRate(this.adaptive.current());
    const rate = this.rateLimit?.take(tasks);
    if (rate && !rate.admitted) {
      this.adaptive?.refusedForRate();
      const limit = Math.round(this.admittedRate()!);
      throw new OverloadedError(`over ${limit} new tasks/s on this API`, rate.retryAfterSeconds);
    }
    this.inFlight += 1;
    try {
      if (maxQueued > 0) await this.checkBacklog(maxQueued);
      return await this.noticingFailures(submit);
    } finally {
      this.inFlight -= 1;
    }
  }

  /** Runs the submission, telling the adaptive rate when the engine failed to answer it. */
  private async noticingFailures<T>(submit: () => Promise<T>): Promise<T> {
    try {
      return await submit();
    } catch (err) {
      if (err instanceof TemporalUnavailableError) this.adaptive?.failedInEngine();
      throw err;
    }
  }

  /**
   * A task's workflow start took `ms`: the adaptive rate's signal. Only the start is timed, not the submission
   * around it: a start costs the same whatever the task, while the dependency lookups before it grow with the
   * dependencies, which would read as a slower engine.
   */
  startTook(ms: number): void {
    this.adaptive?.started(ms);
  }

  private async checkBacklog(maxQueued: number): Promise<void> {
    const queued = await this.options.queued();
    this.queuedSeen = queued;
    if (queued <= maxQueued) return;
    const startsPerSecond = Math.max(MIN_STARTS_PER_SECOND, await this.startsPerSecond());
    const seconds = Math.ceil((queued - maxQueued) / startsPerSecond);
    const retryAfter = Math.min(MAX_RETRY_AFTER_S, Math.max(MIN_RETRY_AFTER_S, seconds));
    throw new OverloadedError(`${queued} tasks queued, limit ${maxQueued}`, retryAfter);
  }

  private startsPerSecond(): Promise<number> {
    const at = this.now();
    if (!this.rate || at - this.rate.at >= RATE_CACHE_MS) {
      const perSecond = this.options.startsPerSecond();
      this.rate = { at, perSecond };
      perSecond.catch(() => (this.rate = undefined)); // a failed reading is retried by the next refusal
    }
    return this.rate.perSecond;
  }
}
