import { OverloadedError } from '../errors/overloaded-error.js';
import type { TaskStats } from './task-queries.js';

/** Retry-After bounds, in seconds: at least one, and never so long that a drained engine sits idle. */
const MIN_RETRY_AFTER_S = 1;
const MAX_RETRY_AFTER_S = 30;

export interface AdmissionControlOptions {
  /** The cached per-status counts (src/tasks/task-queries.ts): no extra visibility call per submission. */
  stats: () => Promise<TaskStats>;
  /**
   * Refuse new submissions while more tasks than this are QUEUED (ready, waiting for a worker slot) across the
   * namespace. 0 turns this check off.
   */
  maxQueued: number;
  /** Refuse new submissions while this API process already has this many in flight. 0 turns this check off. */
  maxInFlight: number;
  /** Clock in ms (tests pass their own). @defaultValue Date.now */
  now?: () => number;
}

/**
 * Admission control: answers 429 OVERLOADED instead of starting more workflows than the engine can run. The
 * signal is the QUEUED backlog: tasks whose dependencies are done but whose work has not started. It grows
 * only when submissions outpace what the engine and its workers complete, and it is what makes a saturated
 * server fall behind (every queued task is pending work in its history shard and task queue). Retry-After is the
 * time the backlog above the limit takes to drain at the completion rate seen between two stats samples.
 */
export class AdmissionControl {
  private inFlight = 0;
  private lastSample?: { at: number; settled: number };
  private drainPerSecond = 0;
  private readonly now: () => number;

  constructor(private readonly options: AdmissionControlOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Runs `submit` if the engine has room, else throws OverloadedError. */
  async admit<T>(submit: () => Promise<T>): Promise<T> {
    const { maxInFlight, maxQueued } = this.options;
    if (maxInFlight > 0 && this.inFlight >= maxInFlight) {
      throw new OverloadedError(`${this.inFlight} submissions in flight on this API`, MIN_RETRY_AFTER_S);
    }
    this.inFlight += 1;
    try {
      if (maxQueued > 0) await this.checkBacklog(maxQueued);
      return await submit();
    } finally {
      this.inFlight -= 1;
    }
  }

  private async checkBacklog(maxQueued: number): Promise<void> {
    const stats = await this.options.stats();
    this.observe(stats);
    const queued = stats.by_status.QUEUED;
    if (queued <= maxQueued) return;
    throw new OverloadedError(
      `${queued} tasks queued, limit ${maxQueued}`,
      this.retryAfter(queued - maxQueued),
    );
  }

  /** Tracks how fast tasks settle, from successive (cached) stats answers. */
  private observe(stats: TaskStats): void {
    const at = this.now();
    const settled = stats.by_status.COMPLETED + stats.by_status.FAILED;
    const last = this.lastSample;
    if (last && at > last.at && settled !== last.settled) {
      this.drainPerSecond = Math.max(0, (settled - last.settled) / ((at - last.at) / 1_000));
    }
    if (!last || settled !== last.settled) this.lastSample = { at, settled };
  }

  private retryAfter(excess: number): number {
    if (this.drainPerSecond <= 0) return MIN_RETRY_AFTER_S;
    const seconds = Math.ceil(excess / this.drainPerSecond);
    return Math.min(MAX_RETRY_AFTER_S, Math.max(MIN_RETRY_AFTER_S, seconds));
  }
}
