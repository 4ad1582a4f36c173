import { describe, expect, it } from 'vitest';
import { toHttpError } from '../../src/api/error-handler.js';
import { OverloadedError } from '../../src/errors/overloaded-error.js';
import { AdmissionControl } from '../../src/tasks/admission-control.js';

/** An admission control over a QUEUED count, a start rate and a clock the test sets; `rateReads` counts. */
function controlled(options: { maxQueued?: number; maxInFlight?: number } = {}) {
  const state = { now: 0, queued: 0, startsPerSecond: 0, rateReads: 0 };
  const control = new AdmissionControl({
    queued: () => Promise.resolve(state.queued),
    startsPerSecond: () => {
      state.rateReads += 1;
      return Promise.resolve(state.startsPerSecond);
    },
    maxQueued: options.maxQueued ?? 10,
    maxInFlight: options.maxInFlight ?? 0,
    now: () => state.now,
  });
  return { state, control };
}

const refusal = async (attempt: Promise<unknown>): Promise<OverloadedError> => {
  const err: unknown = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OverloadedError);
  return err as OverloadedError;
};

describe('AdmissionControl', () => {
  it('admits while the QUEUED backlog is at or under the limit, without reading the start rate', async () => {
    const { state, control } = controlled({ maxQueued: 10 });
    state.queued = 10;
    await expect(control.admit(() => Promise.resolve('started'))).resolves.toBe('started');
    expect(state.rateReads).toBe(0);
  });

  it('remembers the backlog its last check counted, admitted or refused; nothing before a check', async () => {
    const { state, control } = controlled({ maxQueued: 10 });
    expect(control.lastQueued()).toBeUndefined();
    state.queued = 7;
    await control.admit(() => Promise.resolve());
    expect(control.lastQueued()).toBe(7);
    state.queued = 12;
    await refusal(control.admit(() => Promise.resolve()));
    expect(control.lastQueued()).toBe(12);
  });

  it('refuses without running the submission once the backlog is over the limit', async () => {
    const { state, control } = controlled({ maxQueued: 10 });
    state.queued = 11;
    let ran = false;
    const err = await refusal(control.admit(() => Promise.resolve((ran = true))));
    expect(ran).toBe(false);
    expect(err.message).toContain('11 tasks queued, limit 10');
  });

  it('asks to retry after the excess would drain at the rate work starts (at least 1/s), within 1 to 10 s', async () => {
    const { state, control } = controlled({ maxQueued: 10 });
    Object.assign(state, { queued: 110, startsPerSecond: 20 });
    expect((await refusal(control.admit(() => Promise.resolve()))).retryAfterSeconds).toBe(5); // 100 / 20
    Object.assign(state, { now: 1_000, queued: 10_010, startsPerSecond: 1 });
    expect((await refusal(control.admit(() => Promise.resolve()))).retryAfterSeconds).toBe(10);
    Object.assign(state, { now: 2_000, queued: 11, startsPerSecond: 100 });
    expect((await refusal(control.admit(() => Promise.resolve()))).retryAfterSeconds).toBe(1);
    Object.assign(state, { now: 3_000, queued: 14, startsPerSecond: 0.1 }); // a lagging average counts as 1/s
    expect((await refusal(control.admit(() => Promise.resolve()))).retryAfterSeconds).toBe(4);
  });

  it('reads the start rate at most once a second, and the backlog not at all when the check is off', async () => {
    const { state, control } = controlled({ maxQueued: 10 });
    Object.assign(state, { queued: 50, startsPerSecond: 10 });
    await Promise.all(Array.from({ length: 20 }, () => refusal(control.admit(() => Promise.resolve()))));
    state.now = 999;
    await refusal(control.admit(() => Promise.resolve()));
    expect(state.rateReads).toBe(1);
    state.now = 1_000;
    await refusal(control.admit(() => Promise.resolve()));
    expect(state.rateReads).toBe(2);
    const off = controlled({ maxQueued: 0 });
    off.state.queued = 1_000_000;
    await expect(off.control.admit(() => Promise.resolve('off'))).resolves.toBe('off');
    expect(off.state.rateReads).toBe(0);
  });

  it('refuses submissions beyond the in-flight limit of this API, and frees a slot when one ends', async () => {
    const { control } = controlled({ maxQueued: 0, maxInFlight: 2 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = control.admit(() => gate);
    const second = control.admit(() => gate);
    const err = await refusal(control.admit(() => Promise.resolve()));
    expect(err.message).toContain('2 submissions in flight');
    release();
    await Promise.all([first, second]);
    await expect(control.admit(() => Promise.resolve('again'))).resolves.toBe('again');
  });

  it('maps to 429 OVERLOADED with Retry-After', () => {
    const answer = toHttpError(new OverloadedError('12 tasks queued, limit 10', 7));
    expect(answer).toMatchObject({ status: 429, retryAfter: 7, body: { error: { code: 'OVERLOADED' } } });
  });
});
