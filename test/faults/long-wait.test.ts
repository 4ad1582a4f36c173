// A task that waits for hours on a dependency: nothing in either history grows with time. The dependency's work
// heartbeats every second (heartbeats are not history events) and the waiting task sets no timer, so the only
// thing that adds events to a waiting task is another workflow signalling it, which continue-as-new sheds
// (test/integration/continue-as-new.test.ts). Hours cannot pass in a test; this watches twenty seconds of
// heartbeats pass instead and checks that neither history moved.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { taskWorkflowId } from '../../src/shared/workflow-ids.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

const THREE_HOURS_MS = 3 * 3_600_000;
/** How long to watch, in seconds of the dependency's heartbeats as the server recorded them. */
const WATCHED_SECONDS = 20;

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('long-wait');
});
afterAll(async () => {
  await s?.stop();
});

async function historyLength(taskId: string): Promise<number> {
  return (await s.client.workflow.getHandle(taskWorkflowId(taskId)).describe()).historyLength;
}

/** When the dependency's running attempt last heartbeated, as the server saw it. */
async function lastHeartbeat(taskId: string): Promise<number> {
  const { raw } = await s.client.workflow.getHandle(taskWorkflowId(taskId)).describe();
  const seconds = raw.pendingActivities?.[0]?.lastHeartbeatTime?.seconds;
  return seconds == null ? 0 : Number(seconds) * 1_000;
}

it(
  'keeps both histories constant while a task waits on a long-running dependency',
  { timeout: 120_000 },
  async () => {
    const dependency = s.id('three-hour-dependency');
    const waiting = s.id('waiting');
    expect((await s.api.submit({ id: dependency, duration_ms: THREE_HOURS_MS })).status).toBe(201);
    expect((await s.api.submit({ id: waiting, dependencies: [dependency] })).status).toBe(201);
    await vi.waitFor(async () => expect((await s.api.get(dependency)).body.status).toBe('RUNNING'), {
      timeout: 30_000,
      interval: 100,
    });
    // The dependent's subscription reaches the dependency asynchronously: wait until it is in the history.
    await vi.waitFor(
      async () => {
        const events =
          (await s.client.workflow.getHandle(taskWorkflowId(dependency)).fetchHistory()).events ?? [];
        const signals = events.map((e) => e.workflowExecutionSignaledEventAttributes?.signalName);
        expect(signals).toContain('subscribe');
      },
      { timeout: 30_000, interval: 200 },
    );
    // Let the workflow task that took the subscription finish before taking the baseline.
    await vi.waitFor(
      async () => {
        const { raw } = await s.client.workflow.getHandle(taskWorkflowId(dependency)).describe();
        expect(raw.pendingWorkflowTask).toBeFalsy();
      },
      { timeout: 30_000, interval: 100 },
    );

    const before = { dependency: await historyLength(dependency), waiting: await historyLength(waiting) };
    const watchFrom = await lastHeartbeat(dependency);
    await vi.waitFor(
      async () =>
        expect(await lastHeartbeat(dependency)).toBeGreaterThanOrEqual(watchFrom + WATCHED_SECONDS * 1_000),
      { timeout: 60_000, interval: 1_000 },
    );
    const after = { dependency: await historyLength(dependency), waiting: await historyLength(waiting) };

    expect(after).toEqual(before);
    expect((await s.api.get(waiting)).body.status).toBe('WAITING');
    const waitingEvents =
      (await s.client.workflow.getHandle(taskWorkflowId(waiting)).fetchHistory()).events ?? [];
    expect(waitingEvents.filter((e) => e.timerStartedEventAttributes)).toEqual([]);

    // Nobody waits three hours for the end of a test.
    await s.client.workflow.getHandle(taskWorkflowId(dependency)).terminate('test over');
    await s.client.workflow.getHandle(taskWorkflowId(waiting)).terminate('test over');
  },
);
