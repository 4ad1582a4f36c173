import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('lifecycle');
});
afterAll(async () => {
  await s?.stop();
});

describe('a task without dependencies', () => {
  it('goes QUEUED → RUNNING → COMPLETED with its timestamps', async () => {
    const id = s.id('single');
    const created = await s.api.submit({ id, duration_ms: 1_500 });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/tasks/${id}`);
    expect(created.body).toMatchObject({ id, status: 'QUEUED', attempts: 0, started_at: null, error: null });

    // Read-your-writes: the task is visible at once.
    expect((await s.api.get(id)).body.status).toMatch(/QUEUED|RUNNING/);
    await vi.waitFor(async () => expect((await s.api.get(id)).body.status).toBe('RUNNING'), {
      timeout: 10_000,
      interval: 50,
    });

    const done = await s.settled(id);
    expect(done).toMatchObject({ status: 'COMPLETED', attempts: 1, error: null });
    const created_at = Date.parse(done.created_at);
    const started_at = Date.parse(done.started_at!);
    const completed_at = Date.parse(done.completed_at!);
    expect(started_at).toBeGreaterThanOrEqual(created_at);
    expect(completed_at - started_at).toBeGreaterThanOrEqual(1_500);
  });
});

describe('dependencies', () => {
  it('runs a chain in order', async () => {
    const ids = [s.id('chain-a'), s.id('chain-b'), s.id('chain-c')];
    for (const [i, id] of ids.entries()) {
      const res = await s.api.submit({ id, duration_ms: 200, dependencies: i === 0 ? [] : [ids[i - 1]!] });
      expect(res.status).toBe(201);
      expect(res.body.status).toBe(i === 0 ? 'QUEUED' : 'WAITING');
    }
    const tasks = await Promise.all(ids.map((id) => s.settled(id)));
    for (const t of tasks) expect(t.status).toBe('COMPLETED');
    for (let i = 1; i < tasks.length; i++) {
      expect(Date.parse(tasks[i]!.started_at!)).toBeGreaterThanOrEqual(
        Date.parse(tasks[i - 1]!.completed_at!),
      );
    }
  });

  it('runs a diamond: the join starts after both branches completed', async () => {
    const [top, left, right, join] = ['top', 'left', 'right', 'join'].map((l) => s.id(`diamond-${l}`)) as [
      string,
      string,
      string,
      string,
    ];
    await s.api.submit({ id: top, duration_ms: 100 });
    await s.api.submit({ id: left, duration_ms: 300, dependencies: [top] });
    await s.api.submit({ id: right, duration_ms: 600, dependencies: [top] });
    await s.api.submit({ id: join, dependencies: [left, right] });
    const [t, l, r, j] = await Promise.all([top, left, right, join].map((id) => s.settled(id)));
    for (const task of [t, l, r, j]) expect(task!.status).toBe('COMPLETED');
    expect(Date.parse(l!.started_at!)).toBeGreaterThanOrEqual(Date.parse(t!.completed_at!));
    expect(Date.parse(r!.started_at!)).toBeGreaterThanOrEqual(Date.parse(t!.completed_at!));
    const lastBranch = Math.max(Date.parse(l!.completed_at!), Date.parse(r!.completed_at!));
    expect(Date.parse(j!.started_at!)).toBeGreaterThanOrEqual(lastBranch);
  });

  it('accepts a dependency that completed long before, and the dependent is QUEUED at once', async () => {
    const dep = s.id('old-dep');
    await s.api.submit({ id: dep });
    expect((await s.settled(dep)).status).toBe('COMPLETED');
    const dependent = s.id('late-dependent');
    const res = await s.api.submit({ id: dependent, dependencies: [dep] });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('QUEUED');
    expect((await s.settled(dependent)).status).toBe('COMPLETED');
  });

  it('wakes every dependent that subscribes around the instant its dependency completes', async () => {
    const dep = s.id('busy-dep');
    await s.api.submit({ id: dep, duration_ms: 1_000 });
    // Submit dependents continuously from before until after the dependency completes, so that some subscribe
    // while it runs, some while it records completion and notifies, and some after its workflow closed.
    const dependents: string[] = [];
    const depHandle = s.client.workflow.getHandle(`task-${dep}`);
    let depClosed = false;
    void depHandle.result().finally(() => (depClosed = true));
    let afterClose = 0;
    while (afterClose < 10) {
      const batch = Array.from({ length: 5 }, () => s.id('racer'));
      const responses = await Promise.all(batch.map((id) => s.api.submit({ id, dependencies: [dep] })));
      for (const r of responses) expect(r.status).toBe(201);
      dependents.push(...batch);
      if (depClosed) afterClose += batch.length;
    }
    const settled = await Promise.all(dependents.map((id) => s.settled(id)));
    expect(settled.filter((t) => t.status !== 'COMPLETED')).toEqual([]);
    expect(dependents.length).toBeGreaterThan(20);
  });
});

describe('failure', () => {
  it('retries failed attempts with backoff and completes', async () => {
    const id = s.id('flaky');
    await s.api.submit({ id, fail_attempts: 2, max_attempts: 3 });
    const task = await s.settled(id);
    expect(task).toMatchObject({ status: 'COMPLETED', attempts: 3, error: null });
  });

  it('fails with ATTEMPTS_EXHAUSTED and propagates DEPENDENCY_FAILED through two levels', async () => {
    const root = s.id('doomed');
    const child = s.id('child');
    const grandchild = s.id('grandchild');
    await s.api.submit({ id: root, fail_attempts: 5, max_attempts: 2 });
    await s.api.submit({ id: child, dependencies: [root] });
    await s.api.submit({ id: grandchild, dependencies: [child] });

    const [r, c, g] = await Promise.all([root, child, grandchild].map((id) => s.settled(id)));
    expect(r).toMatchObject({ status: 'FAILED', attempts: 2, error: { code: 'ATTEMPTS_EXHAUSTED' } });
    expect(c).toMatchObject({
      status: 'FAILED',
      attempts: 0,
      started_at: null,
      error: { code: 'DEPENDENCY_FAILED' },
    });
    expect(c!.error!.message).toContain(root);
    expect(g).toMatchObject({ status: 'FAILED', attempts: 0, error: { code: 'DEPENDENCY_FAILED' } });
    expect(g!.error!.message).toContain(child);
    expect(r!.completed_at).not.toBeNull();
    expect(g!.completed_at).not.toBeNull();
  });

  it('accepts a task whose dependency already failed and fails it at once', async () => {
    const dep = s.id('failed-dep');
    await s.api.submit({ id: dep, fail_attempts: 1, max_attempts: 1 });
    expect((await s.settled(dep)).status).toBe('FAILED');
    const id = s.id('after-failure');
    const res = await s.api.submit({ id, dependencies: [dep] });
    expect(res.status).toBe(201);
    expect(await s.settled(id)).toMatchObject({ status: 'FAILED', error: { code: 'DEPENDENCY_FAILED' } });
  });
});
