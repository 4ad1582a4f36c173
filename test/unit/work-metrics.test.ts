// What the work activity records per attempt (run in the SDK's mock activity environment, with a client that
// only takes signals), and how the worker's implementation maps it onto the Temporal runtime's meter.
import type { Client } from '@temporalio/client';
import type { MetricMeter } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { createRunTask } from '../../activities/run-task.js';
import { createLogger } from '../../src/logging/logger.js';
import { temporalLogger } from '../../src/logging/temporal-logger.js';
import { ATTEMPTS_METRIC, WORK_DURATION_METRIC, createWorkMetrics } from '../../src/metrics/work-metrics.js';
import type { TaskSpec } from '../../src/shared/task-definition.js';
import type { WorkMetrics } from '../../src/shared/work-metrics.js';

const signalsOnly = {
  workflow: { getHandle: () => ({ signal: () => Promise.resolve() }) },
} as unknown as Client;

const spec = (fields: Partial<TaskSpec>): TaskSpec => ({
  id: 'metered',
  type: 'IO',
  duration_ms: 20,
  dependencies: [],
  max_attempts: 3,
  fail_attempts: 0,
  created_at: '2026-01-01T00:00:00.000Z',
  ...fields,
});

const logger = temporalLogger(createLogger('silent', 'test'));

/** Runs attempt `attempt` of the work of `task`, cancelled after `cancelAfterMs` if given; returns what it recorded. */
async function run(task: TaskSpec, attempt: number, cancelAfterMs?: number) {
  const recorded = {
    attempts: [] as Parameters<WorkMetrics['attemptEnded']>[0][],
    work: [] as Parameters<WorkMetrics['workEnded']>[0][],
  };
  const metrics: WorkMetrics = {
    attemptEnded: (a) => recorded.attempts.push(a),
    workEnded: (w) => recorded.work.push(w),
  };
  const env = new MockActivityEnvironment({ attempt }, { logger });
  if (cancelAfterMs !== undefined) setTimeout(() => env.cancel(), cancelAfterMs);
  await env.run(createRunTask(signalsOnly, metrics), task).catch(() => undefined);
  return recorded;
}

describe('the work activity', () => {
  it('records a completed attempt with its duration, and the attempts the work took', async () => {
    const { attempts, work } = await run(spec({ fail_attempts: 1 }), 2);
    expect(attempts.map((a) => a.outcome)).toEqual(['completed']);
    expect(attempts[0]!.durationSeconds).toBeGreaterThanOrEqual(0.015); // it lasts duration_ms
    expect(work).toEqual([{ outcome: 'completed', attempts: 2 }]);
  });

  it('records a failed attempt that will be retried, but no end of the work', async () => {
    const { attempts, work } = await run(spec({ fail_attempts: 1, duration_ms: 10_000 }), 1);
    expect(attempts.map((a) => a.outcome)).toEqual(['failed']);
    expect(attempts[0]!.durationSeconds).toBeLessThan(1); // a simulated failure fails at once
    expect(work).toEqual([]);
  });

  it('records a cancelled attempt (it is retried), but no end of the work', async () => {
    const { attempts, work } = await run(spec({ duration_ms: 10_000, max_attempts: 1 }), 1, 50);
    expect(attempts.map((a) => a.outcome)).toEqual(['cancelled']);
    expect(attempts[0]!.durationSeconds).toBeGreaterThanOrEqual(0.04);
    expect(work).toEqual([]);
  });

  it('records the end of the work when its last attempt fails', async () => {
    const { work } = await run(spec({ fail_attempts: 3 }), 3);
    expect(work).toEqual([{ outcome: 'failed', attempts: 3 }]);
  });
});

describe('createWorkMetrics', () => {
  it('records on two histograms of the meter, labelled by outcome only', () => {
    const records: [string, number, unknown][] = [];
    const meter = {
      createHistogram: (name: string) => ({
        record: (value: number, tags: unknown) => records.push([name, value, tags]),
      }),
    } as unknown as MetricMeter;
    const metrics = createWorkMetrics(meter);
    metrics.attemptEnded({ outcome: 'cancelled', durationSeconds: 1.5 });
    metrics.workEnded({ outcome: 'failed', attempts: 4 });
    expect(records).toEqual([
      [WORK_DURATION_METRIC, 1.5, { outcome: 'cancelled' }],
      [ATTEMPTS_METRIC, 4, { outcome: 'failed' }],
    ]);
  });
});
