// List (filters, pagination, default page size) and stats, read through visibility: eventually consistent, so
// every assertion that depends on a fresh write waits for it with vi.waitFor. The dev server is shared with the
// other test files, so this file filters by task types unique to this run and compares global stats as deltas.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Task } from '../../src/shared/task-definition.js';
import type { TaskInput } from '../helpers/api-client.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

const runId = randomUUID().slice(0, 8);
const TYPE_A = `LISTA-${runId}`;
const TYPE_B = `LISTB-${runId}`;
const TYPE_RUNNING = `LISTR-${runId}`;
const TYPE_BULK = `LISTD-${runId}`;
const STATUSES = ['WAITING', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'];

/** Visibility lags writes by up to a couple of seconds. */
const eventually = { timeout: 10_000, interval: 200 };

type Query = Record<string, string | number>;
type Stats = { total: number; by_status: Record<string, number> };

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('listing');
});
afterAll(() => s?.stop());

const sortedIds = (tasks: readonly { id: string }[]) => tasks.map((t) => t.id).sort();
const byId = (tasks: readonly Task[]) => [...tasks].sort((a, b) => a.id.localeCompare(b.id));

async function list(query: Query) {
  const res = await s.api.list(query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(Object.keys(res.body).sort()).toEqual(['next_cursor', 'tasks']);
  return res.body;
}

/** Follows next_cursor from the first page to the last, returning every page. */
async function allPages(query: Query): Promise<Task[][]> {
  const pages: Task[][] = [];
  let cursor: string | null = null;
  do {
    const page = await list(cursor === null ? query : { ...query, cursor });
    pages.push(page.tasks);
    cursor = page.next_cursor;
    expect(pages.length, 'pagination does not end').toBeLessThan(1_000);
  } while (cursor !== null);
  return pages;
}

async function stats(): Promise<Stats> {
  const res = await s.api.stats();
  expect(res.status).toBe(200);
  return res.body;
}

/**
 * Submits every task (all must be created) and waits until each has settled: each as GET returns it, without the
 * `waiting_on` that only GET adds.
 */
async function submitAndSettle(tasks: TaskInput[]): Promise<Task[]> {
  const responses = await Promise.all(tasks.map((t) => s.api.submit(t)));
  for (const res of responses) expect(res.status, JSON.stringify(res.body)).toBe(201);
  const settled = await Promise.all(tasks.map((t) => s.settled(t.id)));
  return settled.map(({ waiting_on: _onlyInGet, ...task }) => task);
}

describe('a running task', () => {
  it('is listed under status=RUNNING while it runs, then under COMPLETED', async () => {
    const id = s.id('runner');
    expect((await s.api.submit({ id, type: TYPE_RUNNING, duration_ms: 3_000 })).status).toBe(201);
    await vi.waitFor(async () => expect((await s.api.get(id)).body.status).toBe('RUNNING'), eventually);

    await vi.waitFor(async () => {
      const page = await list({ status: 'RUNNING', type: TYPE_RUNNING });
      expect(page.tasks.map((t) => t.id)).toEqual([id]);
      expect(page.tasks[0]).toMatchObject({ status: 'RUNNING', attempts: 1, completed_at: null });
    }, eventually);

    expect((await s.settled(id)).status).toBe('COMPLETED');
    await vi.waitFor(async () => {
      expect((await list({ status: 'RUNNING', type: TYPE_RUNNING })).tasks).toEqual([]);
      expect(sortedIds((await list({ status: 'COMPLETED', type: TYPE_RUNNING })).tasks)).toEqual([id]);
    }, eventually);
  });
});

describe('tasks of two types, some failing', () => {
  /** Settled tasks of this run, by type and by outcome. */
  const mine: Record<string, { completed: Task[]; failed: Task[] }> = {
    [TYPE_A]: { completed: [], failed: [] },
    [TYPE_B]: { completed: [], failed: [] },
  };
  let before: Stats;
  let settled: Task[];

  /** `completed` tasks that succeed and `failed` that exhaust their only attempt. */
  const batch = (type: string, completed: number, failed: number): TaskInput[] => [
    ...Array.from({ length: completed }, () => ({ id: s.id(`ok-${type}`), type })),
    ...Array.from({ length: failed }, () => ({
      id: s.id(`ko-${type}`),
      type,
      fail_attempts: 1,
      max_attempts: 1,
    })),
  ];

  beforeAll(async () => {
    before = await stats();
    settled = await submitAndSettle([...batch(TYPE_A, 9, 4), ...batch(TYPE_B, 8, 4)]);
    for (const task of settled) {
      const outcome = mine[task.type]!;
      if (task.status === 'COMPLETED') outcome.completed.push(task);
      else if (task.status === 'FAILED') outcome.failed.push(task);
      else throw new Error(`task ${task.id} settled as ${task.status}`);
    }
  });

  const allOfType = (type: string) => [...mine[type]!.completed, ...mine[type]!.failed];

  it('settled as submitted: 9 + 8 completed, 4 + 4 failed', () => {
    expect(settled).toHaveLength(25);
    expect(mine[TYPE_A]!.completed).toHaveLength(9);
    expect(mine[TYPE_A]!.failed).toHaveLength(4);
    expect(mine[TYPE_B]!.completed).toHaveLength(8);
    expect(mine[TYPE_B]!.failed).toHaveLength(4);
  });

  it.each([TYPE_A, TYPE_B])('lists exactly the tasks of type %s, each as GET returns it', async (type) => {
    await vi.waitFor(async () => {
      const page = await list({ type });
      expect(page.next_cursor).toBeNull();
      expect(byId(page.tasks)).toEqual(byId(allOfType(type)));
    }, eventually);
  });

  it.each([
    [TYPE_A, 'COMPLETED'],
    [TYPE_A, 'FAILED'],
    [TYPE_B, 'COMPLETED'],
    [TYPE_B, 'FAILED'],
  ] as const)('filters type %s by status %s', async (type, status) => {
    const expected = status === 'COMPLETED' ? mine[type]!.completed : mine[type]!.failed;
    await vi.waitFor(async () => {
      const page = await list({ type, status });
      expect(byId(page.tasks)).toEqual(byId(expected));
    }, eventually);
    if (status === 'FAILED') for (const task of expected) expect(task.error?.code).toBe('ATTEMPTS_EXHAUSTED');
  });

  it.each(['WAITING', 'QUEUED', 'RUNNING'])('lists no settled task under status %s', async (status) => {
    await vi.waitFor(async () => {
      for (const type of [TYPE_A, TYPE_B]) {
        expect(await list({ type, status })).toEqual({ tasks: [], next_cursor: null });
      }
    }, eventually);
  });

  it('filters by status alone across every type', async () => {
    const myCompleted = [...mine[TYPE_A]!.completed, ...mine[TYPE_B]!.completed].map((t) => t.id);
    const myFailed = [...mine[TYPE_A]!.failed, ...mine[TYPE_B]!.failed].map((t) => t.id);
    await vi.waitFor(async () => {
      const listed = (await allPages({ status: 'COMPLETED', limit: 1_000 })).flat();
      for (const task of listed) expect(task.status).toBe('COMPLETED');
      const ids = new Set(listed.map((t) => t.id));
      expect(myCompleted.filter((id) => !ids.has(id))).toEqual([]);
      expect(myFailed.filter((id) => ids.has(id))).toEqual([]);
    }, eventually);
  });

  it('pages through a type 4 at a time, visiting every task exactly once', async () => {
    await vi.waitFor(async () => {
      const pages = await allPages({ type: TYPE_A, limit: 4 });
      expect(pages.map((p) => p.length)).toEqual([4, 4, 4, 1]);
      const visited = pages.flat().map((t) => t.id);
      expect(new Set(visited).size).toBe(visited.length);
      expect(visited.sort()).toEqual(sortedIds(allOfType(TYPE_A)));
    }, eventually);
  });

  it('pages through a type and status filter', async () => {
    await vi.waitFor(async () => {
      const pages = await allPages({ type: TYPE_B, status: 'COMPLETED', limit: 3 });
      expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
      expect(byId(pages.flat())).toEqual(byId(mine[TYPE_B]!.completed));
    }, eventually);
  });

  it('counts every status, the counts add up to the total, and they include these tasks', async () => {
    await vi.waitFor(async () => {
      const after = await stats();
      expect(Object.keys(after.by_status).sort()).toEqual([...STATUSES].sort());
      for (const count of Object.values(after.by_status)) expect(Number.isInteger(count)).toBe(true);
      expect(Object.values(after.by_status).reduce((a, b) => a + b, 0)).toBe(after.total);
      expect(after.by_status.COMPLETED! - before.by_status.COMPLETED!).toBeGreaterThanOrEqual(9 + 8);
      expect(after.by_status.FAILED! - before.by_status.FAILED!).toBeGreaterThanOrEqual(4 + 4);
      expect(after.total - before.total).toBeGreaterThanOrEqual(25);
    }, eventually);
  });
});

describe('default page size', () => {
  it('is 100: 101 tasks of a type take two pages', async () => {
    // The tasks depend on a failed task, so they settle (DEPENDENCY_FAILED) without occupying worker slots.
    const gate = s.id('gate');
    await submitAndSettle([{ id: gate, type: TYPE_BULK, fail_attempts: 1, max_attempts: 1 }]);
    const dependents = Array.from({ length: 100 }, () => ({
      id: s.id('bulk'),
      type: TYPE_BULK,
      dependencies: [gate],
    }));
    await submitAndSettle(dependents);

    await vi.waitFor(async () => {
      const first = await list({ type: TYPE_BULK });
      expect(first.tasks).toHaveLength(100);
      expect(first.next_cursor).not.toBeNull();
      const second = await list({ type: TYPE_BULK, cursor: first.next_cursor! });
      expect(second.tasks).toHaveLength(1);
      expect(second.next_cursor).toBeNull();
      expect(sortedIds([...first.tasks, ...second.tasks])).toEqual(sortedIds([{ id: gate }, ...dependents]));
    }, eventually);
  });
});
