import { describe, expect, it } from 'vitest';
import { OverloadedError } from '../../src/errors/overloaded-error.js';
import { toHttpError } from '../../src/api/error-handler.js';
import { AdmissionControl } from '../../src/tasks/admission-control.js';
import type { TaskStats } from '../../src/tasks/task-queries.js';
import { TASK_STATUSES, type TaskStatus } from '../../src/shared/task-status.js';

const stats = (counts: Partial<Record<TaskStatus, number>>): TaskStats => {
  const by_status = Object.fromEntries(
    TASK_STATUSES.map((s) => [s, counts[s] ?? 0]),
  ) as TaskStats['by_status'];
  return { total: Object.values(by_status).reduce((a, b) => a + b, 0), by_status };
};

/** An admission control over a stats source and a clock the test moves. */
function controlled(options: { maxQueued?: number; maxInFlight?: number } = {}) {
  const state = { now: 0, stats: stats({}) };
  const control = new AdmissionControl({
    stats: () => Promise.resolve(state.stats),
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
  it('admits while the QUEUED backlog is at or under the limit', async () => {
    const { state, control } = controlled({ maxQueued: 10 });
    state.stats = stats({ QUEUED: 10, WAITING: 5_000 });
    await expect(control.admit(() => Promise.resolve('started'))).resolves.toBe('started');
  });

  it('refuses without running the submission once the backlog is over the limit', async () => {
    const { state, control } = controlled({ maxQueued: 10 });
    state.stats = stats({ QUEUED: 11 });
    let ran = false;
    const err = await refusal(control.admit(() => Promise.resolve((ran = true))));
    expect(ran).toBe(false);
    expect(err.message).toContain('11 tasks queued, limit 10');
  });

  it('asks to retry after the excess would drain at the measured completion rate', async () => {
    const { state, control } = controlled({ maxQueued: 10 });
    state.stats = stats({ QUEUED: 5, COMPLETED: 100 });
    await control.admit(() => Promise.resolve());
    state.now = 2_000; // 40 settled in 2 s: 20 per second
    state.stats = stats({ QUEUED: 110, COMPLETED: 130, FAILED: 10 });
    expect((await refusal(control.admit(() => Promise.resolve()))).retryAfterSeconds).toBe(5); // 100 / 20
    state.now = 3_000; // 1 settled in 1 s: 10,000 excess would take hours; capped
    state.stats = stats({ QUEUED: 10_010, COMPLETED: 131, FAILED: 10 });
    expect((await refusal(control.admit(() => Promise.resolve()))).retryAfterSeconds).toBe(30);
  });

  it('asks for one second while no completion rate is known', async () => {
    const { state, control } = controlled({ maxQueued: 0, maxInFlight: 0 });
    state.stats = stats({ QUEUED: 1_000_000 });
    await expect(control.admit(() => Promise.resolve('off'))).resolves.toBe('off'); // 0 turns the check off
    const { state: s2, control: c2 } = controlled({ maxQueued: 1 });
    s2.stats = stats({ QUEUED: 50 });
    expect((await refusal(c2.admit(() => Promise.resolve()))).retryAfterSeconds).toBe(1);
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
