import { describe, expect, it } from 'vitest';
import { OverloadedError } from '../../src/errors/overloaded-error.js';
import { TemporalUnavailableError } from '../../src/errors/temporal-unavailable-error.js';
import { AdaptiveStartRate } from '../../src/tasks/adaptive-start-rate.js';
import { AdmissionControl } from '../../src/tasks/admission-control.js';

function controller(options: { initial?: number; min?: number; max?: number } = {}) {
  const clock = { now: 0 };
  const rate = new AdaptiveStartRate({
    initial: options.initial ?? 20,
    min: options.min ?? 1,
    max: options.max ?? 1_000,
    slowAfterMs: 100,
    now: () => clock.now,
  });
  /** One second in which `count` submissions took `ms` each and `refused` were refused; returns the new rate. */
  const second = (ms: number, count = 10, refused = 0) => {
    for (let i = 0; i < count; i++) rate.started(ms);
    for (let i = 0; i < refused; i++) rate.refusedForRate();
    clock.now += 1_000;
    return rate.current();
  };
  return { clock, rate, second };
}

describe('AdaptiveStartRate', () => {
  it('raises the rate while clients are refused and submissions stay as fast as the baseline', () => {
    const { second } = controller({ initial: 20 });
    expect(second(10, 10, 5)).toBe(22); // +10 %
    expect(second(12, 10, 5)).toBeCloseTo(24.2);
    expect(second(100, 10, 5)).toBeCloseTo(26.62); // 90 ms over the 10-ms baseline: still fast
  });

  it('leaves the rate alone while nobody is refused: demand, not the engine, sets the pace then', () => {
    const { second } = controller({ initial: 20 });
    for (let i = 0; i < 30; i++) expect(second(10)).toBe(20);
  });

  it('cuts in proportion to how slow starts got, by 30 % at most, then waits a second for the cut to show', () => {
    const { second } = controller({ initial: 40 });
    second(10, 10, 5); // baseline 10 ms; 44/s
    expect(second(137.5)).toBeCloseTo(44 * (110 / 137.5)); // threshold 110 ms: cut by a fifth
    expect(second(137.5)).toBeCloseTo(35.2); // this second's starts were admitted before the cut
    expect(second(2_000)).toBeCloseTo(35.2 * 0.7); // never more than 30 % in one step
  });

  it('holds the rate while slow starts get faster: the engine is draining its backlog', () => {
    const { second } = controller({ initial: 30 });
    second(10); // baseline 10 ms
    expect(second(1_000)).toBeCloseTo(21); // slow: cut by 30 %
    expect(second(1_000)).toBeCloseTo(21); // the second after a cut
    expect(second(700)).toBeCloseTo(21); // slow, but 30 % faster than the second before: draining
    expect(second(600)).toBeCloseTo(21 * 0.7); // slow and only 14 % faster: cut again
  });

  it('never goes below its floor or above its ceiling', () => {
    const { second } = controller({ initial: 4, min: 2, max: 6 });
    second(10);
    for (let i = 0; i < 10; i++) second(5_000);
    expect(second(5_000)).toBe(2);
    for (let i = 0; i < 20; i++) second(10, 10, 3);
    expect(second(10, 10, 3)).toBe(6);
  });

  it('halves the rate in a second with a failed Temporal call, whatever the latency', () => {
    const { rate, second } = controller({ initial: 30 });
    second(10);
    rate.failedInEngine();
    expect(second(10, 10, 5)).toBe(15);
  });

  it('ignores a second with too few submissions to measure', () => {
    const { second } = controller({ initial: 30 });
    second(10);
    expect(second(5_000, 2)).toBe(30);
  });

  it('forgets a fast second after five minutes, so the baseline follows a slower engine', () => {
    const { rate, second } = controller({ initial: 30 });
    second(10);
    expect(rate.slowThresholdMs()).toBe(110);
    for (let i = 0; i < 320; i++) second(500, 10, 0);
    expect(rate.slowThresholdMs()).toBe(600);
  });
});

describe('AdmissionControl with an adaptive rate', () => {
  function admission(maxPerSecond = 0) {
    const clock = { now: 0 };
    const control = new AdmissionControl({
      queued: () => Promise.reject(new Error('the backlog is not read in these tests')),
      startsPerSecond: () => Promise.resolve(0),
      maxQueued: 0,
      maxInFlight: 0,
      maxPerSecond,
      slowAfterMs: 100,
      now: () => clock.now,
    });
    /** A submission whose workflow start takes `ms` (as TaskSubmission reports it). */
    const submitStarting = (ms: number) => () => {
      control.startTook(ms);
      return Promise.resolve('started');
    };
    return { clock, control, submitStarting };
  }

  it('starts at ADMISSION_MAX_RATE when that is lower than its usual start, and never exceeds it', async () => {
    const { clock, control, submitStarting } = admission(5);
    expect(control.admittedRate()).toBe(5);
    for (let s = 0; s < 10; s++) {
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () => control.admit(submitStarting(5))),
      );
      expect(results.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(5);
      clock.now += 1_000;
    }
    expect(control.admittedRate()).toBe(5);
  });

  it('cuts the rate once starts slow down, and refuses what is over it with a Retry-After', async () => {
    const { clock, control, submitStarting } = admission();
    for (let i = 0; i < 10; i++) await control.admit(submitStarting(10)); // baseline 10 ms
    clock.now = 1_000;
    for (let i = 0; i < 10; i++) await control.admit(submitStarting(440)); // 4 x the threshold of 110 ms
    clock.now = 2_000;
    expect(control.admittedRate()).toBe(35); // from its initial 50/s, cut by 30 % at most
    const answers = await Promise.allSettled(
      Array.from({ length: 60 }, () => control.admit(submitStarting(0))),
    );
    const refused = answers.filter((a) => a.status === 'rejected').map((a) => a.reason as unknown);
    expect(refused).toHaveLength(25); // the bucket holds one second at the new rate
    expect(refused.every((r) => r instanceof OverloadedError && r.retryAfterSeconds >= 1)).toBe(true);
  });

  it('counts a failed Temporal call against the rate', async () => {
    const { clock, control } = admission();
    await expect(
      control.admit(() => Promise.reject(new TemporalUnavailableError({ cause: new Error('deadline') }))),
    ).rejects.toBeInstanceOf(TemporalUnavailableError);
    clock.now = 1_000;
    expect(control.admittedRate()).toBe(25);
  });

  it('has no rate without ADMISSION_MAX_RATE or the adaptive rate', () => {
    const control = new AdmissionControl({
      queued: () => Promise.resolve(0),
      startsPerSecond: () => Promise.resolve(0),
      maxQueued: 0,
      maxInFlight: 0,
    });
    expect(control.admittedRate()).toBeUndefined();
  });
});
