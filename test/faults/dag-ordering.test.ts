// Dependency ordering under load: over a seeded random DAG of 1,500 tasks (the benchmark's workload 5 generator),
// no task starts before every one of its dependencies completed, checked from the tasks' own timestamps.
import pLimit from 'p-limit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { submitInDependencyOrder } from '../../bench/load/dependency-ordered-submit.js';
import { randomDagTasks } from '../../bench/workloads/random-dag.js';
import type { Task } from '../../src/shared/task-definition.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('dag-ordering', { MAX_CONCURRENT_TASKS: '50' });
});
afterAll(async () => {
  await s?.stop();
});

it('never starts a task before all of its dependencies completed', { timeout: 600_000 }, async () => {
  const tasks = randomDagTasks(s.id('dag'), 1_500, 7);
  const submitted = await submitInDependencyOrder(
    tasks,
    32,
    async (task) => {
      const res = await s.api.submit(task);
      return res.status === 201
        ? { ok: true }
        : { ok: false, retryable: false, message: `HTTP ${res.status}` };
    },
    0,
    () => undefined,
  );
  expect(submitted.errors).toEqual([]);

  const limit = pLimit(100);
  const settled = await Promise.all(tasks.map((t) => limit(() => s.settled(t.id))));
  const byId = new Map<string, Task>(settled.map((t) => [t.id, t]));
  expect(settled.filter((t) => t.status !== 'COMPLETED')).toEqual([]);

  const violations = settled.filter((task) =>
    task.dependencies.some((dep) => Date.parse(task.started_at!) < Date.parse(byId.get(dep)!.completed_at!)),
  );
  expect(violations.map((t) => t.id)).toEqual([]);
  // The graph really has edges to check.
  expect(settled.filter((t) => t.dependencies.length > 0).length).toBeGreaterThan(1_000);
});
