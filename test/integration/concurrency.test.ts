import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Task } from '../../src/shared/task-definition.js';
import { maxOverlap } from '../helpers/overlap.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

const CAP = 3;
let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('concurrency', { MAX_CONCURRENT_TASKS: String(CAP) });
});
afterAll(async () => {
  await s?.stop();
});

it(`never runs more than MAX_CONCURRENT_TASKS (${CAP}) at once, and reaches it`, async () => {
  const ids = Array.from({ length: CAP * 3 }, (_, i) => s.id(`capped-${i}`));
  const responses = await Promise.all(ids.map((id) => s.api.submit({ id, duration_ms: 1_000 })));
  for (const r of responses) expect(r.status).toBe(201);
  const tasks = await Promise.all(ids.map((id) => s.settled(id)));
  for (const t of tasks) expect(t).toMatchObject({ status: 'COMPLETED', attempts: 1 });
  expect(maxOverlap(tasks)).toBe(CAP);
});

it('counts overlaps correctly (self-check of the measurement)', () => {
  const at = (s: number) => new Date(s).toISOString();
  const task = (start: number, end: number) => ({ started_at: at(start), completed_at: at(end) }) as Task;
  expect(maxOverlap([task(0, 10), task(5, 15), task(10, 20)])).toBe(2);
  expect(maxOverlap([task(0, 10), task(10, 20)])).toBe(1);
});
