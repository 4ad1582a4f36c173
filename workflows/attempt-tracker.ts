import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { SearchAttributes } from '../src/shared/task-search-attributes.js';

/**
 * What the workflow knows of the work's attempts. Reports arrive as signals (which may be skipped for short
 * attempts, or lost with a killed worker) and with the result, in any order, so it keeps the highest attempt
 * number and the earliest start seen.
 */
export class AttemptTracker {
  private attempts = 0;
  private firstStartedAt: string | undefined;

  /** Records one attempt; true when it is the newest attempt seen so far. */
  record(attempt: number, startedAt: string): boolean {
    const newest = attempt >= this.attempts;
    this.attempts = Math.max(this.attempts, attempt);
    if (this.firstStartedAt === undefined || startedAt < this.firstStartedAt) this.firstStartedAt = startedAt;
    return newest;
  }

  /** The task's `attempts` and `started_at` as search attributes; nothing before the first attempt. */
  searchAttributes(): SearchAttributeUpdatePair[] {
    if (this.firstStartedAt === undefined) return [];
    return [
      { key: SearchAttributes.attempts, value: this.attempts },
      { key: SearchAttributes.startedAt, value: new Date(this.firstStartedAt) },
    ];
  }
}
