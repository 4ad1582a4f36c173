// Delayed start: a task with `not_before` stays WAITING until then, on a durable timer that outlives its worker.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { startWorker } from '../helpers/processes.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('not-before');
});
afterAll(() => s?.stop());

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

it('keeps a task WAITING until its not_before, then runs it', async () => {
  const id = s.id('delayed');
  const not_before = inMs(3_000);
  const created = await s.api.submit({ id, duration_ms: 10, not_before });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ status: 'WAITING', not_before });
  const waiting = await s.api.get(id);
  // Submitted 3 s ahead, so still ahead of the clock unless this machine stalled for seconds.
  if (Date.now() < Date.parse(not_before))
    expect(waiting.body).toMatchObject({ status: 'WAITING', waiting_on: [] });

  const task = await s.settled(id);
  expect(task.status).toBe('COMPLETED');
  expect(Date.parse(task.started_at!)).toBeGreaterThanOrEqual(Date.parse(not_before));
});

it('queues a task whose not_before has passed at once, and accepts an offset', async () => {
  const past = await s.api.submit({ id: s.id('past'), not_before: '2020-01-01T00:00:00Z' });
  expect(past.body).toMatchObject({ status: 'QUEUED', not_before: '2020-01-01T00:00:00Z' });
  const id = s.id('offset');
  const offset = await s.api.submit({ id, not_before: '2020-01-01T01:00:00+01:00' });
  expect(offset.body.status).toBe('QUEUED');
  expect((await s.settled(id)).status).toBe('COMPLETED');
});

it('waits for its not_before after its dependencies completed', async () => {
  const dependency = s.id('early-dependency');
  const delayed = s.id('delayed-dependent');
  const not_before = inMs(5_000);
  expect((await s.api.submit({ id: dependency, duration_ms: 10 })).status).toBe(201);
  expect((await s.api.submit({ id: delayed, dependencies: [dependency], not_before })).status).toBe(201);
  const [first, second] = [await s.settled(dependency), await s.settled(delayed)];
  // Only meaningful if the dependency was done before not_before: then not_before alone held the task back.
  expect(Date.parse(first.completed_at!)).toBeLessThan(Date.parse(not_before));
  expect(second.status).toBe('COMPLETED');
  expect(Date.parse(second.started_at!)).toBeGreaterThanOrEqual(Date.parse(not_before));
});

it('fails a delayed task at once when its dependency fails, without waiting for not_before', async () => {
  const failing = s.id('failing');
  const dependent = s.id('delayed-after-failure');
  expect((await s.api.submit({ id: failing, max_attempts: 1, fail_attempts: 1 })).status).toBe(201);
  const not_before = inMs(3_600_000);
  expect((await s.api.submit({ id: dependent, dependencies: [failing], not_before })).status).toBe(201);
  const task = await s.settled(dependent);
  expect(task).toMatchObject({ status: 'FAILED', error: { code: 'DEPENDENCY_FAILED' }, started_at: null });
  expect(Date.parse(task.completed_at!)).toBeLessThan(Date.parse(not_before));
});

it('runs a delayed task whose only worker was killed while it waited, once a worker is back', async () => {
  const id = s.id('outlives-worker');
  const not_before = inMs(4_000);
  expect((await s.api.submit({ id, duration_ms: 10, not_before })).status).toBe(201);
  s.worker.process.kill('SIGKILL');
  // The timer is the server's: it fires while no worker runs; the task runs when one polls again.
  await sleep(Math.max(0, Date.parse(not_before) - Date.now()));
  const restarted = startWorker({
    temporalAddress: s.temporalAddress,
    taskQueue: s.taskQueue,
    logName: `not-before-restarted-${s.taskQueue}`,
  });
  const task = await s.settled(id);
  expect(task.status).toBe('COMPLETED');
  expect(Date.parse(task.started_at!)).toBeGreaterThanOrEqual(Date.parse(not_before));
  await restarted.stop();
});

it('refuses a not_before that is not an ISO date and time, naming the field', async () => {
  const id = s.id('bad-time');
  for (const not_before of ['tomorrow', '2026-12-03', '2026-13-01T00:00:00Z', 1_700_000_000_000]) {
    const res = await s.api.request('POST', '/api/tasks', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, type: 'IO', duration_ms: 1, not_before }),
    });
    expect(res.status, String(not_before)).toBe(400);
    const { error } = res.body as { error: { code: string; message: string } };
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.message).toContain('not_before');
  }
  expect((await s.api.get(id)).status).toBe(404);
});
