// Cancellation: POST /api/tasks/:id/cancel and a cancellation of the workflow from outside (as the Web UI does),
// against real processes. One work slot, so that a cancelled RUNNING task visibly frees it for the next one.
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createDependencySignals } from '../../activities/dependency-signals.js';
import { taskWorkflowId } from '../../src/shared/workflow-ids.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('cancellation', { MAX_CONCURRENT_TASKS: '1' });
});
afterAll(() => s?.stop());

/** Waits until the API reads the task RUNNING (its attempt reports itself after 100 ms). */
const untilRunning = (id: string) =>
  vi.waitFor(async () => expect((await s.api.get(id)).body.status).toBe('RUNNING'), {
    timeout: 20_000,
    interval: 50,
  });

it('cancels a WAITING task at once and fails its dependents with DEPENDENCY_CANCELLED', async () => {
  const [blocker, waiting, child, grandchild] = ['blocker', 'waiting', 'child', 'grandchild'].map((label) =>
    s.id(label),
  );
  expect((await s.api.submit({ id: blocker!, duration_ms: 5_000 })).status).toBe(201);
  expect((await s.api.submit({ id: waiting!, dependencies: [blocker!] })).status).toBe(201);
  expect((await s.api.submit({ id: child!, dependencies: [waiting!] })).status).toBe(201);
  expect((await s.api.submit({ id: grandchild!, dependencies: [child!] })).status).toBe(201);

  const answer = await s.api.cancel(waiting!);
  expect(answer.status).toBe(200);
  expect(answer.headers.get('location')).toBe(`/api/tasks/${waiting}`);
  expect(answer.body).toMatchObject({
    status: 'CANCELLED',
    attempts: 0,
    started_at: null,
    error: { code: 'CANCELLED', message: 'cancelled by request' },
  });
  expect(await s.settled(child!)).toMatchObject({
    status: 'FAILED',
    error: { code: 'DEPENDENCY_CANCELLED', message: `dependency "${waiting}" was cancelled` },
  });
  expect(await s.settled(grandchild!)).toMatchObject({
    status: 'FAILED',
    error: { code: 'DEPENDENCY_FAILED', message: `dependency "${child}" failed` },
  });
  // The blocker is unaffected: it still runs to completion.
  expect((await s.settled(blocker!)).status).toBe('COMPLETED');
});

it('cancels with cascade: the dependents and theirs are CANCELLED too', async () => {
  const [blocker, root, child, grandchild] = ['c-blocker', 'c-root', 'c-child', 'c-grandchild'].map((label) =>
    s.id(label),
  );
  expect((await s.api.submit({ id: blocker!, duration_ms: 5_000 })).status).toBe(201);
  expect((await s.api.submit({ id: root!, dependencies: [blocker!] })).status).toBe(201);
  expect((await s.api.submit({ id: child!, dependencies: [root!] })).status).toBe(201);
  expect((await s.api.submit({ id: grandchild!, dependencies: [child!] })).status).toBe(201);

  expect((await s.api.cancel(root!, { cascade: 'true' })).body.status).toBe('CANCELLED');
  expect(await s.settled(child!)).toMatchObject({
    status: 'CANCELLED',
    error: { code: 'CANCELLED', message: `dependency "${root}" was cancelled with cascade` },
  });
  expect(await s.settled(grandchild!)).toMatchObject({
    status: 'CANCELLED',
    error: { code: 'CANCELLED', message: `dependency "${child}" was cancelled with cascade` },
  });

  // A dependent whose subscription reaches the root after its workflow closed (in a CI run the child's did) reads
  // the cascade from the closed workflow, with when it settled, so that it can tell whether it existed then.
  const settledRoot = await s.settled(root!);
  const { subscribeToDependencies } = createDependencySignals(s.client);
  const late = await new MockActivityEnvironment().run(subscribeToDependencies, {
    subscriber: taskWorkflowId(s.id('late-subscriber')),
    dependency_ids: [root!],
  });
  expect(late).toEqual({
    [root!]: { status: 'CANCELLED', cascade: true, settled_at: settledRoot.completed_at },
  });

  // A task submitted after the cascade did not exist then: it fails as after a cancellation without cascade.
  const later = s.id('c-later');
  expect((await s.api.submit({ id: later, dependencies: [root!] })).status).toBe(201);
  expect(await s.settled(later)).toMatchObject({
    status: 'FAILED',
    error: { code: 'DEPENDENCY_CANCELLED', message: `dependency "${root}" was cancelled` },
  });
  await s.settled(blocker!);
});

it('cancels a QUEUED task before its work ever starts', async () => {
  const [blocker, queued] = ['q-blocker', 'queued'].map((label) => s.id(label));
  expect((await s.api.submit({ id: blocker!, duration_ms: 3_000 })).status).toBe(201);
  await untilRunning(blocker!);
  expect((await s.api.submit({ id: queued!, duration_ms: 10 })).body.status).toBe('QUEUED');

  const answer = await s.api.cancel(queued!);
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ status: 'CANCELLED', attempts: 0, started_at: null });
  await s.settled(blocker!);
  expect(await s.settled(queued!)).toMatchObject({ status: 'CANCELLED', attempts: 0, started_at: null });
});

it('interrupts RUNNING work within 2 s and hands its slot to the next task', async () => {
  const [running, next] = ['running', 'next'].map((label) => s.id(label));
  expect((await s.api.submit({ id: running!, duration_ms: 60_000 })).status).toBe(201);
  await untilRunning(running!);
  expect((await s.api.submit({ id: next!, duration_ms: 10 })).body.status).toBe('QUEUED');

  const requestedAt = Date.now();
  const answer = await s.api.cancel(running!);
  // Answered once the interruption is under way: 202 while the work stops, 200 if it had stopped already.
  expect([200, 202]).toContain(answer.status);
  expect(answer.body.status).toBe(answer.status === 202 ? 'RUNNING' : 'CANCELLED');
  const cancelled = await s.settled(running!);
  expect(cancelled).toMatchObject({ status: 'CANCELLED', attempts: 1, error: { code: 'CANCELLED' } });
  expect(Date.parse(cancelled.completed_at!) - requestedAt).toBeLessThan(2_000);

  // CANCELLED is recorded once the work has stopped: the one slot is free, and the queued task takes it.
  const after = await s.settled(next!);
  expect(after.status).toBe('COMPLETED');
  expect(Date.parse(after.started_at!)).toBeGreaterThanOrEqual(Date.parse(cancelled.completed_at!) - 50);
  console.log(
    `cancel → CANCELLED ${Date.parse(cancelled.completed_at!) - requestedAt} ms; ` +
      `CANCELLED → next started ${Date.parse(after.started_at!) - Date.parse(cancelled.completed_at!)} ms`,
  );
});

it('answers a repeated cancellation with 200, a settled task with 409 and its status, an unknown one with 404', async () => {
  const [done, cancelled] = ['done', 'twice'].map((label) => s.id(label));
  expect((await s.api.submit({ id: done!, duration_ms: 10 })).status).toBe(201);
  await s.settled(done!);
  const conflict = await s.api.cancel(done!);
  expect(conflict.status).toBe(409);
  expect(conflict.body).toMatchObject({
    error: {
      code: 'TASK_SETTLED',
      message: `task "${done}" is already COMPLETED`,
      details: { status: 'COMPLETED' },
    },
  });

  expect(
    (await s.api.submit({ id: cancelled!, not_before: new Date(Date.now() + 3_600_000).toISOString() }))
      .status,
  ).toBe(201);
  expect((await s.api.cancel(cancelled!)).status).toBe(200);
  await s.settled(cancelled!);
  const again = await s.api.cancel(cancelled!, { cascade: 'true' });
  expect(again.status).toBe(200);
  expect(again.body.status).toBe('CANCELLED');

  expect((await s.api.cancel(s.id('nope'))).status).toBe(404);
  const bad = await s.api.cancel(cancelled!, { cascade: 'yes' });
  expect(bad.status).toBe(400);
  expect(bad.body).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
});

it('treats a cancellation of the workflow from outside (the Web UI) like a cancel request', async () => {
  const [running, dependent] = ['ui-running', 'ui-dependent'].map((label) => s.id(label));
  expect((await s.api.submit({ id: running!, duration_ms: 60_000 })).status).toBe(201);
  expect((await s.api.submit({ id: dependent!, dependencies: [running!] })).status).toBe(201);
  await untilRunning(running!);
  await s.client.workflow.getHandle(taskWorkflowId(running!)).cancel();

  expect(await s.settled(running!)).toMatchObject({ status: 'CANCELLED', error: { code: 'CANCELLED' } });
  const description = await s.client.workflow.getHandle(taskWorkflowId(running!)).describe();
  expect(description.status.name).toBe('CANCELLED');
  expect(await s.settled(dependent!)).toMatchObject({
    status: 'FAILED',
    error: { code: 'DEPENDENCY_CANCELLED' },
  });
});

it('lists and counts CANCELLED tasks', async () => {
  const id = s.id('listed');
  expect(
    (await s.api.submit({ id, not_before: new Date(Date.now() + 3_600_000).toISOString() })).status,
  ).toBe(201);
  expect((await s.api.cancel(id)).status).toBe(200);
  await vi.waitFor(
    async () => {
      const page = await s.api.list({ status: 'CANCELLED', limit: 1_000 });
      expect(page.body.tasks.map((task) => task.id)).toContain(id);
      expect(page.body.tasks.every((task) => task.status === 'CANCELLED')).toBe(true);
      expect((await s.api.stats()).body.by_status.CANCELLED).toBeGreaterThanOrEqual(1);
    },
    { timeout: 10_000, interval: 100 },
  );
});
