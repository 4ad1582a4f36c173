// kill -9 of the API in the middle of a burst of submissions: every acknowledged task exists and completes, and a
// client that retries its unacknowledged submissions (against a restarted API) ends with every task exactly once.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { ApiClient } from '../helpers/api-client.js';
import { startApi } from '../helpers/processes.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('api-kill');
});
afterAll(async () => {
  await s?.stop();
});

const TASKS = 200;
const CONCURRENCY = 20;

it('loses no acknowledged task when the API is killed mid-burst', async () => {
  const ids = Array.from({ length: TASKS }, (_, i) => s.id(`burst-${i}`));
  const acknowledged = new Set<string>();
  let next = 0;
  let killed = false;
  // A pool of clients; once half the burst is acknowledged the API dies under them.
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        try {
          const res = await s.api.submit({ id });
          if (res.status === 201 || res.status === 200) acknowledged.add(id);
        } catch {
          // connection refused or reset: not acknowledged, the client will retry it
        }
        if (!killed && acknowledged.size >= TASKS / 2) {
          killed = true;
          s.apiProcess.process.kill('SIGKILL');
        }
      }
    }),
  );
  expect(killed).toBe(true);
  expect(acknowledged.size).toBeGreaterThanOrEqual(TASKS / 2);
  expect(acknowledged.size).toBeLessThan(TASKS);

  // The client retries everything it has no answer for, against a fresh API process.
  const restarted = await startApi({
    temporalAddress: s.temporalAddress,
    taskQueue: s.taskQueue,
    logName: `api-kill-restarted-${s.taskQueue}`,
  });
  const api = new ApiClient(restarted.url);
  for (const id of ids.filter((id) => !acknowledged.has(id))) {
    const res = await api.submit({ id });
    expect([200, 201]).toContain(res.status);
  }

  const tasks = await Promise.all(ids.map((id) => s.settled(id, api)));
  expect(tasks.map((t) => t.status)).toEqual(ids.map(() => 'COMPLETED'));
  // Exactly once: every id is listed once (visibility lags a little, so wait for it to catch up).
  await vi.waitFor(
    async () => {
      const listed = new Map<string, number>();
      let cursor: string | null = null;
      do {
        const page = await api.list({ limit: 1000, ...(cursor ? { cursor } : {}) });
        for (const t of page.body.tasks) listed.set(t.id, (listed.get(t.id) ?? 0) + 1);
        cursor = page.body.next_cursor;
      } while (cursor);
      expect(ids.filter((id) => listed.get(id) !== 1)).toEqual([]);
    },
    { timeout: 15_000, interval: 500 },
  );
});
