// SIGTERM, not kill: a worker lets its running task finish; the API stops accepting and finishes what is in flight.
import { once } from 'node:events';
import { type IncomingMessage, request } from 'node:http';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startApi, startWorker } from '../helpers/processes.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('graceful');
});
afterAll(async () => {
  await s?.stop();
});

it('lets a running task finish when its worker gets SIGTERM', async () => {
  const id = s.id('finishes');
  expect((await s.api.submit({ id, duration_ms: 2_000 })).status).toBe(201);
  await vi.waitFor(async () => expect((await s.api.get(id)).body.status).toBe('RUNNING'), {
    timeout: 20_000,
    interval: 50,
  });
  await s.worker.stop('SIGTERM'); // resolves once the process exited, after its running task finished
  expect(s.worker.process.exitCode).toBe(0);
  // The work's completion reached Temporal before the exit: nothing is pending, and it is never retried.
  const description = await s.client.workflow.getHandle(`task-${id}`).describe();
  expect(description.raw.pendingActivities ?? []).toEqual([]);

  // A new worker records the result; the task ran exactly once.
  startWorker({
    temporalAddress: s.temporalAddress,
    taskQueue: s.taskQueue,
    logName: `graceful-2-${s.taskQueue}`,
  });
  expect(await s.settled(id)).toMatchObject({ status: 'COMPLETED', attempts: 1 });
});

it('finishes an in-flight request after SIGTERM and accepts no new connection', async () => {
  const api = await startApi({
    temporalAddress: s.temporalAddress,
    taskQueue: s.taskQueue,
    logName: `graceful-api-${s.taskQueue}`,
  });
  const id = s.id('in-flight');
  const body = JSON.stringify({ id, type: 'COMPUTE', duration_ms: 0 });
  // `Expect: 100-continue` makes the server say when it has parsed the request head: from then on the request
  // is in flight. The body follows only after SIGTERM.
  const req = request(`${api.url}/api/tasks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      expect: '100-continue',
    },
  });
  const response = once(req, 'response') as Promise<[IncomingMessage]>;
  req.flushHeaders();
  await once(req, 'continue');
  const exited = api.stop('SIGTERM');
  // A new connection (no keep-alive pool) is refused once the API stops accepting.
  await vi.waitFor(
    async () => {
      const probe = request(`${api.url}/health`, { agent: false });
      probe.end();
      await expect(once(probe, 'response')).rejects.toThrow(/ECONNREFUSED/);
    },
    { timeout: 5_000, interval: 50 },
  );
  req.end(body);
  const [res] = await response;
  expect(res.statusCode).toBe(201);
  await exited;
  expect((await s.api.get(id)).status).toBe(200);
});
