// The process harness's withScheduler: whatever the callback or the start-up does, nothing it started survives.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import { expect, inject, it } from 'vitest';
import { runningManaged } from '../harness/managed-process.js';
import { withScheduler } from '../harness/with-scheduler.js';
import { testLogDir } from '../helpers/processes.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false; // ESRCH: no such process
  }
}

const options = (label: string, env: Record<string, string> = {}) => ({
  temporal: { reuseAddress: inject('temporalAddress') },
  schedulers: [{ label, taskQueue: `${label}-${randomUUID().slice(0, 8)}`, logDir: testLogDir, env }],
});

it('stops the worker and the API it started when the callback throws', async () => {
  let pids: number[] = [];
  const run = withScheduler(options('with-scheduler-throws'), async ({ schedulers: [scheduler] }) => {
    pids = [scheduler!.worker.pid, scheduler!.api.pid];
    expect((await fetch(`${scheduler!.api.url}/health`)).status).toBe(200);
    throw new Error('the callback failed');
  });
  await expect(run).rejects.toThrow('the callback failed');
  expect(pids).toHaveLength(2);
  expect(pids.filter(isAlive)).toEqual([]);
  expect(runningManaged()).toEqual([]);
});

it('returns what the callback returns, after stopping everything', async () => {
  const pid = await withScheduler(options('with-scheduler-returns'), ({ schedulers: [s] }) =>
    Promise.resolve(s!.worker.pid),
  );
  expect(isAlive(pid)).toBe(false);
  expect(runningManaged()).toEqual([]);
});

it('stops the worker it had started when the API dies during start-up', async () => {
  // The API cannot listen on a port that is taken and exits; the worker, which does not listen, keeps running.
  const taken = createServer().listen(0, '127.0.0.1');
  await once(taken, 'listening');
  const { port } = taken.address() as AddressInfo;
  try {
    const run = withScheduler(options('with-scheduler-bad-start', { PORT: String(port) }), () =>
      Promise.reject(new Error('never called')),
    );
    await expect(run).rejects.toThrow(/api 1 exited unexpectedly/);
    expect(runningManaged()).toEqual([]);
  } finally {
    taken.close();
  }
});
