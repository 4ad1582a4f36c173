// `priority` reaches Temporal's task-queue priority: queued work of priority 1 starts before earlier-queued work
// of priority 5. Order is read from the tasks' own start timestamps; nothing here measures speed.
import proto from '@temporalio/proto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { taskWorkflowId } from '../../src/shared/workflow-ids.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
beforeAll(async () => {
  // One slot: every task submitted while the blocker runs waits in the task queue's backlog.
  s = await startScheduler('priority', { MAX_CONCURRENT_TASKS: '1' });
});
afterAll(() => s?.stop());

const { PendingActivityState } = proto.temporal.api.enums.v1;
type WorkState = proto.temporal.api.enums.v1.PendingActivityState;

/** The states of the task's pending work activities on the server (read from its workflow, not guessed). */
async function workStates(id: string): Promise<WorkState[]> {
  const { raw } = await s.client.workflow.getHandle(taskWorkflowId(id)).describe();
  return (raw.pendingActivities ?? []).map((activity) => activity.state!);
}

/** Resolves once the task's work activity is in `state` on the server. */
async function untilWork(id: string, state: WorkState): Promise<void> {
  while (!(await workStates(id)).includes(state)) await new Promise((resolve) => setTimeout(resolve, 50));
}

it('starts high-priority work before a backlog of low-priority work queued earlier', async () => {
  const blocker = s.id('blocker');
  // Long enough for every task below to reach the backlog on a loaded machine; checked before the measurement.
  expect((await s.api.submit({ id: blocker, duration_ms: 8_000 })).status).toBe(201);
  await untilWork(blocker, PendingActivityState.PENDING_ACTIVITY_STATE_STARTED);

  const low = Array.from({ length: 4 }, (_, i) => s.id(`low-${i}`));
  const high = Array.from({ length: 2 }, (_, i) => s.id(`high-${i}`));
  for (const id of low) expect((await s.api.submit({ id, duration_ms: 100, priority: 5 })).status).toBe(201);
  for (const id of high) expect((await s.api.submit({ id, duration_ms: 100, priority: 1 })).status).toBe(201);
  // Every task's work waits in the task queue's backlog behind the blocker: only then does the order show priority.
  for (const id of [...low, ...high])
    await untilWork(id, PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED);
  // Still the blocker's work holding the slot, read on the server as above: the task's own status turns RUNNING
  // only once its workflow has the work's start signal, which lagged the server in a CI run.
  expect(await workStates(blocker)).toContain(PendingActivityState.PENDING_ACTIVITY_STATE_STARTED);

  const started = async (id: string) => Date.parse((await s.settled(id)).started_at!);
  const lowStarts = await Promise.all(low.map(started));
  const highStarts = await Promise.all(high.map(started));
  expect(Math.max(...highStarts)).toBeLessThan(Math.min(...lowStarts));
});

it('answers the priority it was given, and none when it was not', async () => {
  const given = s.id('given');
  const unset = s.id('unset');
  expect((await s.api.submit({ id: given, priority: 2 })).body).toMatchObject({ priority: 2 });
  expect((await s.api.get(given)).body).toMatchObject({ priority: 2 });
  expect((await s.api.submit({ id: unset })).body).not.toHaveProperty('priority');
  expect((await s.api.submit({ id: given, priority: 4 })).status).toBe(409);
});
