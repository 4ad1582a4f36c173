// The overload workload's pieces (bench/burst/, bench/load/): how clients wait before a retry, that they retry
// until accepted, and completions per window.
import { describe, expect, it } from 'vitest';
import { completionWindows } from '../../bench/burst/completion-windows.js';
import { type SubmitOutcome, submitInDependencyOrder } from '../../bench/load/dependency-ordered-submit.js';
import { parseRetryAfter, retryDelayMs } from '../../bench/load/retry-policy.js';
import type { Task } from '../../src/shared/task-definition.js';

describe('retry policy', () => {
  it('waits Retry-After plus up to half of it again', () => {
    expect(retryDelayMs(0, 2_000, () => 0)).toBe(2_000);
    expect(retryDelayMs(5, 2_000, () => 0.999)).toBeCloseTo(2_999);
  });

  it('backs off exponentially with jitter without Retry-After, up to 5 s', () => {
    expect(retryDelayMs(0, undefined, () => 0)).toBe(50);
    expect(retryDelayMs(3, undefined, () => 0.999)).toBeCloseTo(800, 0);
    expect(retryDelayMs(20, undefined, () => 0.999)).toBeLessThan(5_000);
  });

  it('reads Retry-After in seconds and ignores anything else', () => {
    expect(parseRetryAfter('3')).toBe(3_000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT')).toBeUndefined();
  });
});

describe('submitInDependencyOrder', () => {
  it('retries refused submissions until each is accepted, counting the answers', async () => {
    const refusals = new Map([
      ['a', 2],
      ['b', 1],
    ]);
    const submit = (item: { id: string }): Promise<SubmitOutcome> => {
      const left = refusals.get(item.id) ?? 0;
      refusals.set(item.id, left - 1);
      if (left <= 0) return Promise.resolve({ ok: true });
      return Promise.resolve({ ok: false, retryable: true, answer: '429', retryAfterMs: 5, message: 'busy' });
    };
    const accepted: string[] = [];
    const items = ['a', 'b', 'c'].map((id) => ({ id, dependencies: [] }));
    const result = await submitInDependencyOrder(items, 2, submit, 0, (item) => accepted.push(item.id));
    expect(accepted.sort()).toEqual(['a', 'b', 'c']);
    expect(result).toMatchObject({ attempts: 6, retries: 3, retried_answers: { '429': 3 }, error_count: 0 });
    expect(result.accepted_request_ms).toHaveLength(3);
    // a waited at least twice 5 ms before it was accepted
    expect(Math.max(...result.latencies_ms)).toBeGreaterThanOrEqual(10);
  });

  it('gives up at once on an answer that is not retryable', async () => {
    const result = await submitInDependencyOrder(
      [{ id: 'x', dependencies: [] }],
      1,
      () => Promise.resolve({ ok: false, retryable: false, answer: '400', message: 'bad' }),
      0,
      () => undefined,
    );
    expect(result).toMatchObject({ attempts: 1, error_count: 1, errors: ['x: bad'] });
  });
});

describe('completionWindows', () => {
  const task = (createdS: number, completedS: number | null): Task =>
    ({
      created_at: new Date(createdS * 1000).toISOString(),
      completed_at: completedS === null ? null : new Date(completedS * 1000).toISOString(),
    }) as Task;

  it('counts completions per full 10-s window from the first submission', () => {
    const tasks = [
      task(0, 1),
      task(0, 2),
      task(0, 9),
      task(1, 12),
      task(1, 25), // in the partial third window: dropped
    ];
    expect(completionWindows(tasks)).toEqual({
      window_s: 10,
      per_s: [0.3, 0.1],
      min_per_s: 0.1,
      median_per_s: 0.1,
    });
  });

  it('has no windows for a run shorter than one', () => {
    expect(completionWindows([task(0, 3)])).toMatchObject({ per_s: [], min_per_s: null });
  });
});
