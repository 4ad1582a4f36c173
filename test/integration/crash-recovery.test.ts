import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { taskWorkflowId } from '../../src/shared/workflow-ids.js';
import { startWorker } from '../helpers/processes.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('crash');
});
afterAll(async () => {
  await s?.stop();
});

/** The pid of the worker process running the task's attempt right now, from Temporal's own record. */
async function pidRunningTask(id: string): Promise<number> {
  return vi.waitFor(
    async () => {
      const description = await s.client.workflow.getHandle(taskWorkflowId(id)).describe();
      const activity = description.raw.pendingActivities?.[0];
      expect(activity?.lastWorkerIdentity).toBeTruthy();
      expect(String(activity?.state)).toMatch(/STARTED|2/);
      // The SDK's default identity is `${pid}@${hostname}`.
      return Number(activity!.lastWorkerIdentity!.split('@')[0]);
    },
    { timeout: 15_000, interval: 100 },
  );
}

it('re-runs a task on another worker within 10 s plus its duration after a kill -9', async () => {
  // A second worker on the same task queue, so that whichever one runs the task, the other takes over.
  const standby = startWorker({
    temporalAddress: s.temporalAddress,
    taskQueue: s.taskQueue,
    logName: `crash-standby-${s.taskQueue}`,
  });
  const duration_ms = 3_000;
  const id = s.id('killed-mid-task');
  expect((await s.api.submit({ id, duration_ms })).status).toBe(201);

  const pid = await pidRunningTask(id);
  expect([s.worker.process.pid, standby.process.pid]).toContain(pid);
  await vi.waitFor(async () => expect((await s.api.get(id)).body.status).toBe('RUNNING'), { interval: 50 });
  const killedAt = Date.now();
  process.kill(pid, 'SIGKILL');

  const task = await s.settled(id);
  // Settled means the workflow closed: dependents have been told, not merely the work finished.
  const recoveredWithinMs = Date.now() - killedAt;
  expect(task.status).toBe('COMPLETED');
  expect(task.attempts).toBeGreaterThanOrEqual(2);
  expect(recoveredWithinMs).toBeLessThanOrEqual(10_000 + duration_ms);
});

it('completes a task whose only worker was killed once a worker is restarted', async () => {
  // After the first test exactly one worker of this queue is alive; find it through the task it runs.
  const id = s.id('restart');
  expect((await s.api.submit({ id, duration_ms: 2_000 })).status).toBe(201);
  const pid = await pidRunningTask(id);
  process.kill(pid, 'SIGKILL');

  const restarted = startWorker({
    temporalAddress: s.temporalAddress,
    taskQueue: s.taskQueue,
    logName: `crash-restarted-${s.taskQueue}`,
  });
  const task = await s.settled(id);
  expect(task).toMatchObject({ status: 'COMPLETED', error: null });
  expect(task.attempts).toBeGreaterThanOrEqual(2);
  await restarted.stop();
});
