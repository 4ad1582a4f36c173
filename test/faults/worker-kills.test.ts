// Workers killed (kill -9) several times while tasks run: every task completes exactly once as seen by the API,
// and re-runs show in `attempts`.
import proto from '@temporalio/proto';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { taskWorkflowId } from '../../src/shared/workflow-ids.js';
import { type Component, startWorker } from '../helpers/processes.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('worker-kills', { MAX_CONCURRENT_TASKS: '4' });
});
afterAll(async () => {
  await s?.stop();
});

const STARTED = proto.temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;

/**
 * A live worker that is running one of `ids` now, found from the server's record of the running attempt: its
 * worker identity is `<pid>@<host>` (the SDK's default).
 */
function workerRunningATask(ids: string[], workers: Component[]): Promise<Component> {
  return vi.waitFor(
    async () => {
      for (const id of ids) {
        const { raw } = await s.client.workflow.getHandle(taskWorkflowId(id)).describe();
        const attempt = raw.pendingActivities?.find((a) => a.state === STARTED);
        const pid = Number(attempt?.lastWorkerIdentity?.split('@')[0]);
        const worker = workers.find((w) => w.process.pid === pid);
        if (worker) return worker;
      }
      throw new Error('no task is running on a live worker yet');
    },
    { timeout: 30_000, interval: 100 },
  );
}

it('completes every task after repeated worker kills', async () => {
  const workerOptions = (n: number) => ({
    temporalAddress: s.temporalAddress,
    taskQueue: s.taskQueue,
    env: { MAX_CONCURRENT_TASKS: '4' },
    logName: `worker-kills-${n}-${s.taskQueue}`,
  });
  let workers: Component[] = [s.worker, startWorker(workerOptions(1))];

  const ids = Array.from({ length: 24 }, (_, i) => s.id(`killed-${i}`));
  for (const id of ids)
    expect((await s.api.submit({ id, duration_ms: 1_500, max_attempts: 10 })).status).toBe(201);

  for (let round = 0; round < 3; round++) {
    // Kill a worker while it runs a task, and start a replacement.
    const victim = await workerRunningATask(ids, workers);
    victim.process.kill('SIGKILL');
    workers = [...workers.filter((w) => w !== victim), startWorker(workerOptions(round + 2))];
  }

  const tasks = await Promise.all(ids.map((id) => s.settled(id)));
  expect(tasks.map((t) => t.status)).toEqual(ids.map(() => 'COMPLETED'));
  expect(tasks.filter((t) => t.attempts >= 2).length).toBeGreaterThan(0);
  for (const t of tasks) expect(t.error).toBeNull();
});
