// Admission control: a submission refused with 429 OVERLOADED creates nothing, and the client's retry after the
// backlog drained is accepted exactly once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { BACKLOG_CACHE_MS } from '../../src/tasks/queued-backlog.js';
import { visibilityQuery } from '../../src/tasks/visibility-query.js';
import { taskWorkflowId } from '../../src/shared/workflow-ids.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

/** How long the one slot stays busy while the backlog builds up behind it. */
const BLOCKER_MS = 20_000;

let s: Scheduler;
beforeAll(async () => {
  // One slot and a backlog limit of one: two tasks queued behind a running one overload the engine on purpose.
  s = await startScheduler('admission', { MAX_CONCURRENT_TASKS: '1', ADMISSION_MAX_QUEUED: '1' });
});
afterAll(() => s?.stop());

/**
 * Waits until visibility, which admission control reads, shows this scheduler's task queue with `running` tasks
 * RUNNING and `queued` QUEUED (it lags writes by the visibility delay). Other test files' tasks in the namespace do
 * not count.
 */
async function untilVisible(running: number, queued: number): Promise<void> {
  const count = async (status: 'RUNNING' | 'QUEUED') =>
    (await s.client.workflow.count(visibilityQuery({ status, taskQueue: s.taskQueue }))).count;
  while ((await count('RUNNING')) !== running || (await count('QUEUED')) !== queued) await sleep(100);
  // The API's count is at most BACKLOG_CACHE_MS older than a fresh one: past that, it has seen this one too.
  await sleep(BACKLOG_CACHE_MS + 100);
}

it('answers 429 with Retry-After, creates nothing, and accepts the retry exactly once', async () => {
  const blocker = s.id('blocker');
  const queued = [s.id('queued-1'), s.id('queued-2')];
  // Long enough to outlast the visibility lag and the API's cache under a loaded CI machine: with 4 s, the queued
  // tasks had started before the API saw them queued, and the submission meant to be refused was accepted.
  expect((await s.api.submit({ id: blocker, duration_ms: BLOCKER_MS })).status).toBe(201);
  // The blocker holds the one slot before the others exist: among QUEUED tasks the worker takes any first (in a CI
  // run a queued task ran before the blocker, and the backlog the API counted was one, not two).
  await untilVisible(1, 0);
  for (const id of queued) expect((await s.api.submit({ id, duration_ms: 100 })).status).toBe(201);
  // A backlog of two, over the limit of one, for BLOCKER_MS.
  await untilVisible(1, 2);

  const refused = s.id('refused');
  const answer = await s.api.submit({ id: refused });
  expect(answer.status).toBe(429);
  expect(answer.body).toMatchObject({ error: { code: 'OVERLOADED' } });
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect((await s.api.get(refused)).status).toBe(404);
  const workflows = () => s.client.workflow.count(`WorkflowId = '${taskWorkflowId(refused)}'`);
  expect((await workflows()).count).toBe(0);

  // The client waits (here: until the backlog is gone) and retries, then retries again as if the answer was lost.
  await Promise.all([blocker, ...queued].map((id) => s.settled(id)));
  await untilVisible(0, 0);
  expect((await s.api.submit({ id: refused })).status).toBe(201);
  expect((await s.api.submit({ id: refused })).status).toBe(200);
  expect(await s.settled(refused)).toMatchObject({ status: 'COMPLETED', attempts: 1 });
  expect((await workflows()).count).toBe(1);
});
