import { describe, expect, it } from 'vitest';
import { AttemptTracker } from '../../workflows/attempt-tracker.js';

const values = (tracker: AttemptTracker) => tracker.searchAttributes().map((pair) => pair.value);

describe('AttemptTracker', () => {
  it('reports nothing before the first attempt', () => {
    expect(new AttemptTracker().searchAttributes()).toEqual([]);
  });

  it('keeps the highest attempt and the earliest start, whatever the arrival order', () => {
    const tracker = new AttemptTracker();
    expect(tracker.record(2, '2026-01-01T00:00:05.000Z')).toBe(true);
    // Attempt 1's report arrives late (a delayed signal): not the newest, but its start is the first start.
    expect(tracker.record(1, '2026-01-01T00:00:01.000Z')).toBe(false);
    expect(values(tracker)).toEqual([2, new Date('2026-01-01T00:00:01.000Z')]);
  });

  it('treats a repeated report of the newest attempt as newest (RUNNING, then its failure)', () => {
    const tracker = new AttemptTracker();
    tracker.record(1, '2026-01-01T00:00:01.000Z');
    expect(tracker.record(1, '2026-01-01T00:00:01.000Z')).toBe(true);
    expect(values(tracker)).toEqual([1, new Date('2026-01-01T00:00:01.000Z')]);
  });
});
