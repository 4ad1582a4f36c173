// "Why is it waiting": GET /api/tasks/:id names the dependencies a WAITING task still waits on, with their status
// read consistently, and GET /api/tasks/:id/dependents pages through the dependents that subscribed to a task.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Task } from '../../src/shared/task-definition.js';
import type { ApiClient } from '../helpers/api-client.js';
import { expectError } from '../helpers/expect-error.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('waiting-and-dependents');
});
afterAll(async () => {
  await s?.stop();
});

async function waitForStatus(id: string, status: string): Promise<void> {
  await vi.waitFor(async () => expect((await s.api.get(id)).body.status).toBe(status), {
    timeout: 20_000,
    interval: 100,
  });
}

describe('waiting_on', () => {
  it('lists the dependencies not completed yet, with their status, until there are none', async () => {
    const slow = s.id('slow');
    const fast = s.id('fast');
    const waiting = s.id('waiting');
    expect((await s.api.submit({ id: slow, duration_ms: 8_000 })).status).toBe(201);
    expect((await s.api.submit({ id: fast, duration_ms: 0 })).status).toBe(201);
    const submitted = await s.api.submit({ id: waiting, dependencies: [slow, fast] });
    expect(submitted.status).toBe(201);

    await s.settled(fast);
    await waitForStatus(slow, 'RUNNING');
    const whileWaiting = await s.api.get(waiting);
    expect(whileWaiting.body.status).toBe('WAITING');
    expect(whileWaiting.body.waiting_on).toEqual([{ id: slow, status: 'RUNNING' }]);

    const done = await s.settled(waiting);
    expect(done.status).toBe('COMPLETED');
    expect((await s.api.get(waiting)).body.waiting_on).toEqual([]);
  });

  it('is empty for a task without dependencies', async () => {
    const id = s.id('alone');
    expect((await s.api.submit({ id, duration_ms: 0 })).status).toBe(201);
    expect((await s.api.get(id)).body.waiting_on).toEqual([]);
  });
});

/** Every page of a task's dependents, `limit` at a time. */
async function allDependents(api: ApiClient, id: string, limit: number): Promise<Task[]> {
  const tasks: Task[] = [];
  let cursor: string | null = null;
  do {
    const page = await api.dependents(id, cursor === null ? { limit } : { limit, cursor });
    expect(page.status).toBe(200);
    expect(page.body.tasks.length).toBeLessThanOrEqual(limit);
    tasks.push(...page.body.tasks);
    cursor = page.body.next_cursor;
  } while (cursor !== null);
  return tasks;
}

describe('GET /api/tasks/:id/dependents', () => {
  it('pages through the direct dependents that subscribed, in id order, while and after the task runs', async () => {
    const root = s.id('root');
    expect((await s.api.submit({ id: root, duration_ms: 6_000 })).status).toBe(201);
    const dependents = Array.from({ length: 5 }, (_, i) => s.id(`dependent-${i}`));
    for (const id of dependents) {
      expect((await s.api.submit({ id, dependencies: [root] })).status).toBe(201);
    }
    // A dependent of a dependent is not a direct dependent of the root.
    const grandchild = s.id('grandchild');
    expect((await s.api.submit({ id: grandchild, dependencies: [dependents[0]!] })).status).toBe(201);

    const expected = [...dependents].sort();
    // Subscriptions reach the root asynchronously (an activity signals it).
    await vi.waitFor(
      async () => expect((await allDependents(s.api, root, 2)).map((t) => t.id)).toEqual(expected),
      { timeout: 20_000, interval: 200 },
    );
    const listed = await allDependents(s.api, root, 2);
    for (const task of listed) expect(task.dependencies).toEqual([root]);

    await s.settled(root);
    await Promise.all(dependents.map((id) => s.settled(id)));
    // Still known once everything settled: the closed workflow answers the query from its history.
    expect((await allDependents(s.api, root, 100)).map((t) => t.id)).toEqual(expected);
    expect((await allDependents(s.api, dependents[0]!, 100)).map((t) => t.id)).toEqual([grandchild]);
  });

  it('answers an empty page for a task nobody depends on, 404 for an unknown task, 400 for a bad cursor', async () => {
    const id = s.id('leaf');
    expect((await s.api.submit({ id, duration_ms: 0 })).status).toBe(201);
    const page = await s.api.dependents(id);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({ tasks: [], next_cursor: null });
    expectError(await s.api.dependents(s.id('missing')), 404, 'NOT_FOUND');
    expectError(await s.api.dependents(id, { cursor: 'bm90LWEtY3Vyc29y' }), 400, 'INVALID_CURSOR');
    expectError(await s.api.dependents(id, { limit: 0 }), 400, 'VALIDATION_ERROR', /limit/);
  });
});
