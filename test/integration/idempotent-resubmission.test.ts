// Idempotent resubmission over real HTTP against a real API process: the same task again is answered with it,
// a different one with 409, and concurrent submissions of one id create exactly one task.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskInput } from '../helpers/api-client.js';
import { expectError } from '../helpers/expect-error.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('idempotent-resubmission');
});
afterAll(() => s?.stop());

/** Submits a task that must be created. */
async function created(task: TaskInput) {
  const res = await s.api.submit(task);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('idempotent submission', () => {
  it('answers the same body again with 200 and the same task', async () => {
    const id = s.id('twice');
    const first = await created({ id, duration_ms: 5, max_attempts: 2 });
    const again = await s.api.submit({ id, duration_ms: 5, max_attempts: 2 });
    expect(again.status).toBe(200);
    expect(again.headers.get('location')).toBe(`/api/tasks/${id}`);
    expect(again.body).toMatchObject({
      id,
      type: first.type,
      duration_ms: 5,
      max_attempts: 2,
      created_at: first.created_at,
    });
  });

  it('treats omitted fields as their defaults', async () => {
    const id = s.id('defaults');
    const first = await created({ id });
    const explicit = await s.api.submit({ id, dependencies: [], max_attempts: 3, fail_attempts: 0 });
    expect(explicit.status).toBe(200);
    expect(explicit.body.created_at).toBe(first.created_at);
  });

  it('answers 200 for a task that has already completed, with its final state', async () => {
    const id = s.id('done');
    const first = await created({ id });
    await s.settled(id);
    const again = await s.api.submit({ id });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id, status: 'COMPLETED', attempts: 1, created_at: first.created_at });
  });

  it.each([
    ['duration_ms', { duration_ms: 6 }],
    ['type', { type: 'OTHER' }],
    ['max_attempts', { max_attempts: 4 }],
    ['fail_attempts', { fail_attempts: 1 }],
  ])('rejects a different %s with 409 TASK_EXISTS naming it', async (field, change) => {
    const id = s.id('conflict');
    const original = { id, duration_ms: 5 };
    await created(original);
    const error = expectError(await s.api.submit({ ...original, ...change }), 409, 'TASK_EXISTS', field);
    expect(error.message).toContain(id);
    expect(error.details).toEqual({ differing_fields: [field] });
    // The stored task is unchanged.
    expect((await s.api.get(id)).body).toMatchObject({ duration_ms: 5, type: 'COMPUTE' });
  });

  it('compares dependencies as a set: another order is the same task, another set is not', async () => {
    const [a, b, c] = [s.id('dep-a'), s.id('dep-b'), s.id('dep-c')];
    for (const dep of [a, b, c]) await created({ id: dep });
    const id = s.id('fan-in');
    const first = await created({ id, dependencies: [a, b] });

    const reordered = await s.api.submit({ id, dependencies: [b, a] });
    expect(reordered.status).toBe(200);
    expect(reordered.body.created_at).toBe(first.created_at);

    const other = await s.api.submit({ id, dependencies: [a, c] });
    expect(expectError(other, 409, 'TASK_EXISTS', /dependencies/).details).toEqual({
      differing_fields: ['dependencies'],
    });
  });

  it('names every differing field', async () => {
    const id = s.id('many-diffs');
    await created({ id, duration_ms: 1 });
    const res = await s.api.submit({ id, type: 'OTHER', duration_ms: 2 });
    const error = expectError(res, 409, 'TASK_EXISTS');
    expect((error.details as { differing_fields: string[] }).differing_fields.sort()).toEqual([
      'duration_ms',
      'type',
    ]);
  });

  it('creates exactly one task from 50 concurrent identical submissions', async () => {
    const id = s.id('stampede');
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => s.api.submit({ id, duration_ms: 10 })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((st) => st === 201)).toHaveLength(1);
    expect(statuses.filter((st) => st === 200)).toHaveLength(49);
    expect(new Set(responses.map((r) => r.body.created_at)).size).toBe(1);
    expect((await s.api.get(id)).body.created_at).toBe(responses[0]!.body.created_at);
  });

  it('lets exactly one of 20 concurrent conflicting submissions win, the rest get 409', async () => {
    const id = s.id('contest');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => s.api.submit({ id, duration_ms: i })),
    );
    const winners = responses.filter((r) => r.status === 201);
    expect(winners).toHaveLength(1);
    const losers = responses.filter((r) => r.status !== 201);
    expect(losers).toHaveLength(19);
    for (const loser of losers) {
      expect(expectError(loser, 409, 'TASK_EXISTS', /duration_ms/).details).toEqual({
        differing_fields: ['duration_ms'],
      });
    }
    expect((await s.api.get(id)).body.duration_ms).toBe(winners[0]!.body.duration_ms);
  });
});
