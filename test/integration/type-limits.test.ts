// TASK_TYPE_LIMITS: listed types run their work on a task queue of their own with their own cap per worker, while
// every other type shares MAX_CONCURRENT_TASKS; both caps hold at the same time, read from the tasks' timestamps.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { typeTaskQueue } from '../../src/shared/task-type-queues.js';
import { taskWorkflowId } from '../../src/shared/workflow-ids.js';
import { maxOverlap } from '../helpers/overlap.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

const DEFAULT_CAP = 2;
const LIMITS = { SCARCE: 1, WIDE: 3 };

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('type-limits', {
    MAX_CONCURRENT_TASKS: String(DEFAULT_CAP),
    TASK_TYPE_LIMITS: Object.entries(LIMITS)
      .map(([type, limit]) => `${type}=${limit}`)
      .join(','),
  });
});
afterAll(() => s?.stop());

/** The task queue the task's work activity was scheduled on, from its workflow's history. */
async function workQueueOf(id: string): Promise<string | undefined> {
  const history = await s.client.workflow.getHandle(taskWorkflowId(id)).fetchHistory();
  const scheduled = history.events?.find(
    (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'runTask',
  );
  return scheduled?.activityTaskScheduledEventAttributes?.taskQueue?.name ?? undefined;
}

it('holds each listed type to its own cap and the other types to MAX_CONCURRENT_TASKS, at once', async () => {
  const counts = { SCARCE: 4, WIDE: 9, SHARED: 6 };
  const submissions = Object.entries(counts).flatMap(([type, n]) =>
    Array.from({ length: n }, (_, i) => ({
      id: s.id(`${type.toLowerCase()}-${i}`),
      type,
      duration_ms: 1_000,
    })),
  );
  const answers = await Promise.all(submissions.map((task) => s.api.submit(task)));
  for (const answer of answers) expect(answer.status).toBe(201);
  const tasks = await Promise.all(submissions.map(({ id }) => s.settled(id)));
  for (const task of tasks) expect(task).toMatchObject({ status: 'COMPLETED', attempts: 1 });

  const ofType = (type: string) => tasks.filter((task) => task.type === type);
  expect(maxOverlap(ofType('SCARCE'))).toBe(LIMITS.SCARCE);
  expect(maxOverlap(ofType('WIDE'))).toBe(LIMITS.WIDE);
  expect(maxOverlap(ofType('SHARED'))).toBe(DEFAULT_CAP);
  // The listed types took no slot of the shared cap: more than it ran at once overall.
  expect(maxOverlap(tasks)).toBeGreaterThan(DEFAULT_CAP);

  expect(await workQueueOf(submissions[0]!.id)).toBe(typeTaskQueue(s.taskQueue, 'SCARCE'));
  expect(await workQueueOf(submissions.at(-1)!.id)).toBe(s.taskQueue);
});

it('routes the tasks of a DAG the same way', async () => {
  const [scarce, shared] = [s.id('dag-scarce'), s.id('dag-shared')];
  const answer = await s.api.submitDag({
    tasks: [
      { id: scarce, type: 'SCARCE', duration_ms: 10 },
      { id: shared, type: 'SHARED', duration_ms: 10, dependencies: [scarce] },
    ],
  });
  expect([201, 202]).toContain(answer.status);
  expect((await s.settled(shared)).status).toBe('COMPLETED');
  expect(await workQueueOf(scarce)).toBe(typeTaskQueue(s.taskQueue, 'SCARCE'));
  expect(await workQueueOf(shared)).toBe(s.taskQueue);
});
