// Workers killed (kill -9) several times while tasks run: every task completes exactly once as seen by the API,
// and re-runs show in `attempts`.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { type Component, startWorker } from '../helpers/processes.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('worker-kills', { MAX_CONCURRENT_TASKS: '4' });
});
afterAll(async () => {
  await s?.stop();
});

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
    // Wait until something is running, then kill one worker and start a replacement.
    await vi.waitFor(
      async () => expect((await s.api.list({ status: 'RUNNING', limit: 1 })).body.tasks.length).toBe(1),
      { timeout: 30_000, interval: 200 },
    );
    const [victim, ...rest] = workers;
    victim!.process.kill('SIGKILL');
    workers = [...rest, startWorker(workerOptions(round + 2))];
  }

  const tasks = await Promise.all(ids.map((id) => s.settled(id)));
  expect(tasks.map((t) => t.status)).toEqual(ids.map(() => 'COMPLETED'));
  expect(tasks.filter((t) => t.attempts >= 2).length).toBeGreaterThan(0);
  for (const t of tasks) expect(t.error).toBeNull();
});
