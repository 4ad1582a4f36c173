/** The controller's step: one reading of the latency, one change of the rate, per second. */
const INTERVAL_MS = 1_000;
/** Fewer workflow starts than this in a second say nothing about the engine: the rate is left as it is. */
const MIN_SAMPLES = 3;
/** A second in which clients were refused while starts stayed fast raises the rate by this share (at least 1/s). */
const INCREASE = 0.1;
/**
 * The deepest cut in one step, however slow the starts were: the latency lags the rate that caused it, and a
 * deeper cut leaves the engine idle while the rate climbs back (measured: cutting by up to half held completions
 * at x0.77 of the paced max with the machine 75 % busy).
 */
const MAX_DECREASE = 0.7;
/** A second with a Temporal call that failed (the engine did not answer in time) halves the rate. */
const FAILURE_DECREASE = 0.5;
/**
 * A slow second whose median is at most this share of the second before's is a draining engine: the rate is held,
 * not cut again. Measured on the dev server (docs/performance.md): cutting all through the drain of a 340-task
 * backlog took the rate from 24 to 3/s and left the engine short of work while it climbed back (x0.81 of the paced
 * max); holding whenever the median fell by a tenth let noise hold it above capacity and the backlog grow to 1,240.
 */
const DRAINING = 0.75;
/** The baseline is the fastest second of this many: long enough to remember a quiet engine through a burst. */
const BASELINE_SECONDS = 300;

export interface AdaptiveStartRateOptions {
  /** New tasks per second admitted before the first reading. */
  initial: number;
  /** Never fewer than this: a cut must leave starts whose latency can show the engine's recovery. */
  min: number;
  /** Never more than this (ADMISSION_MAX_RATE when set). */
  max: number;
  /**
   * Starts count as slow once their median takes more than this many milliseconds over the baseline (the median
   * of the fastest second of the last BASELINE_SECONDS): the engine is queueing them.
   */
  slowAfterMs: number;
  now: () => number;
}

/**
 * The rate of new tasks one API admits, following what the engine can take now: it grows while clients are
 * refused and workflow starts stay fast, and is cut in proportion to the excess as soon as they slow down. The
 * signal is the latency of the API's own StartWorkflowExecution calls: on a saturated engine a start waits behind
 * every other write of its history shard and database, so it slows within a second of the engine falling behind,
 * long before a visibility count or a 30-s dispatch average move, and it costs no extra call. Measured on the dev
 * server: 14 ms at 10 starts/s, 27 ms at 20/s (what it sustains), 120-200 ms at 30/s, 1 s at 70/s.
 * Each API runs its own controller; APIs sharing an engine all see it slow and all cut, as TCP senders share a
 * link (AIMD). No npm library does this: the well-kept limiters take a fixed rate or concurrency.
 */
export class AdaptiveStartRate {
  private rate: number;
  private intervalStart: number;
  private latencies: number[] = [];
  private refused = 0;
  private failed = 0;
  /** Set by a cut: the next second's latency still shows the rate before it, so it cannot cut again. */
  private cutLastSecond = false;
  /** The median start of the last second with enough starts, in ms. */
  private lastMedian?: number;
  /** Median latency of the fastest second in each of the last BASELINE_SECONDS / 10 ten-second buckets. */
  private readonly baselineBuckets: { bucket: number; fastest: number }[] = [];

  constructor(private readonly options: AdaptiveStartRateOptions) {
    this.rate = clamp(options.initial, options.min, options.max);
    this.intervalStart = options.now();
  }

  /** The rate to admit at now, in new tasks per second. */
  current(): number {
    const at = this.options.now();
    if (at - this.intervalStart >= INTERVAL_MS) {
      this.adjust();
      this.intervalStart = at;
    }
    return this.rate;
  }

  /** A task's workflow start took `ms`. */
  started(ms: number): void {
    this.latencies.push(ms);
  }

  /** A submission was refused for the rate: demand is above it. */
  refusedForRate(): void {
    this.refused += 1;
  }

  /** A submission's Temporal call failed: the engine is away or did not answer within the deadline. */
  failedInEngine(): void {
    this.failed += 1;
  }

  /** The slowest median that still counts as fast, in ms; undefined before the first reading. */
  slowThresholdMs(): number | undefined {
    const baseline = this.baseline();
    return baseline === undefined ? undefined : baseline + this.options.slowAfterMs;
  }

  private adjust(): void {
    const { latencies, refused, failed } = this;
    this.latencies = [];
    this.refused = 0;
    this.failed = 0;
    const cutBefore = this.cutLastSecond;
    this.cutLastSecond = false;
    if (failed > 0) {
      if (!cutBefore) this.cut(FAILURE_DECREASE);
      return;
    }
    if (latencies.length < MIN_SAMPLES) return;
    const median = medianOf(latencies);
    const draining = this.lastMedian !== undefined && median <= this.lastMedian * DRAINING;
    this.lastMedian = median;
    this.remember(median);
    const threshold = this.slowThresholdMs()!;
    if (median > threshold) {
      if (!cutBefore && !draining) this.cut(Math.max(MAX_DECREASE, threshold / median));
    } else if (refused > 0) {
      this.setRate(this.rate + Math.max(1, this.rate * INCREASE));
    }
  }

  private cut(factor: number): void {
    this.setRate(this.rate * factor);
    this.cutLastSecond = true;
  }

  private setRate(rate: number): void {
    this.rate = clamp(rate, this.options.min, this.options.max);
  }

  private remember(median: number): void {
    const bucket = Math.floor(this.options.now() / 10_000);
    const last = this.baselineBuckets.at(-1);
    if (last?.bucket === bucket) last.fastest = Math.min(last.fastest, median);
    else this.baselineBuckets.push({ bucket, fastest: median });
    const oldest = bucket - BASELINE_SECONDS / 10;
    while (this.baselineBuckets[0]!.bucket <= oldest) this.baselineBuckets.shift();
  }

  private baseline(): number | undefined {
    if (this.baselineBuckets.length === 0) return undefined;
    return Math.min(...this.baselineBuckets.map((b) => b.fastest));
  }
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
