// POST /api/dags and GET /api/dags/:dag_id over real HTTP against a real API and worker: a DAG is created whole,
// its tasks run in dependency order, resubmission is idempotent, and overlaps with existing tasks are checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskInput } from '../helpers/api-client.js';
import { dagFinished, dagSettled, expectDependencyOrder, layeredDag } from '../helpers/dags.js';
import { expectError } from '../helpers/expect-error.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('dags-submission');
});
afterAll(() => s?.stop());

async function expectNotCreated(...ids: string[]) {
  for (const id of ids) expectError(await s.api.get(id), 404, 'NOT_FOUND', id);
}

describe('a new DAG', () => {
  it('is created in one request, with dependencies in any order, and runs in dependency order', async () => {
    const [extract, transform, load, report] = ['extract', 'transform', 'load', 'report'].map((l) => s.id(l));
    const tasks: TaskInput[] = [
      { id: report!, dependencies: [load!, transform!] },
      { id: load!, type: 'IO', duration_ms: 50, dependencies: [transform!] },
      { id: transform!, duration_ms: 50, dependencies: [extract!] },
      { id: extract!, duration_ms: 50 },
    ];
    const res = await s.api.submitDag({ tasks });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { dag_id, created_at } = res.body;
    expect(dag_id).toMatch(/^sha256-[0-9a-f]{32}$/);
    expect(res.headers.get('location')).toBe(`/api/dags/${dag_id}`);
    // In the order of the request, each as POST /api/tasks would answer it, all created at the same instant.
    expect(res.body.tasks.map((t) => [t.id, t.status])).toEqual([
      [report, 'WAITING'],
      [load, 'WAITING'],
      [transform, 'WAITING'],
      [extract, 'QUEUED'],
    ]);
    expect(res.body.tasks[1]).toMatchObject({ type: 'IO', duration_ms: 50, max_attempts: 3, attempts: 0 });
    expect(new Set(res.body.tasks.map((t) => t.created_at))).toEqual(new Set([created_at]));

    const settled = await dagSettled(
      s,
      dag_id,
      tasks.map((t) => t.id),
    );
    expect(settled.map((t) => t.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED']);
    expectDependencyOrder(settled);
    const dag = await dagFinished(s.api, dag_id);
    expect(dag).toEqual({
      dag_id,
      status: 'SUBMITTED',
      created_at,
      total: 4,
      by_status: { WAITING: 0, QUEUED: 0, RUNNING: 0, COMPLETED: 4, FAILED: 0, CANCELLED: 0 },
      finished: true,
      conflicts: [],
    });
  });

  it('takes its id from dag_id when given, and reports progress before it finishes', async () => {
    const dagId = s.id('named');
    const [a, b] = [s.id('a'), s.id('b')];
    const res = await s.api.submitDag({
      dag_id: dagId,
      tasks: [
        { id: a, duration_ms: 1_500 },
        { id: b, dependencies: [a] },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.dag_id).toBe(dagId);
    expect(res.headers.get('location')).toBe(`/api/dags/${dagId}`);
    const during = await s.api.getDag(dagId);
    expect(during.status).toBe(200);
    expect(during.body).toMatchObject({ dag_id: dagId, status: 'SUBMITTED', total: 2, finished: false });
    await dagSettled(s, dagId, [a, b]);
    expect((await dagFinished(s.api, dagId)).by_status.COMPLETED).toBe(2);
  });

  it('answers 202 with a Location at once when the client prefers respond-async', async () => {
    const tasks = layeredDag((i) => s.id(`async-${i}`), 30);
    const res = await s.api.request<{ dag_id: string; status: string; total: number }>('POST', '/api/dags', {
      headers: { 'content-type': 'application/json', prefer: 'respond-async' },
      body: JSON.stringify({ tasks: tasks.map((t) => ({ type: 'COMPUTE', duration_ms: 0, ...t })) }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.headers.get('preference-applied')).toBe('respond-async');
    expect(res.body).toMatchObject({ status: 'SUBMITTING', total: 30, finished: false, conflicts: [] });
    expect(res.headers.get('location')).toBe(`/api/dags/${res.body.dag_id}`);
    // Read-your-writes: the link answers at once, before a worker has run the submission's first workflow task.
    const followed = await s.api.getDag(res.body.dag_id);
    expect(followed.status, JSON.stringify(followed.body)).toBe(200);
    expect(followed.body).toMatchObject({ dag_id: res.body.dag_id, total: 30 });
    const settled = await dagSettled(
      s,
      res.body.dag_id,
      tasks.map((t) => t.id),
    );
    expectDependencyOrder(settled);
    expect((await dagFinished(s.api, res.body.dag_id)).by_status.COMPLETED).toBe(30);
  });

  it('fails the dependents of a failed task, and finishes with the failures counted', async () => {
    const [bad, child, grandchild] = [s.id('bad'), s.id('child'), s.id('grandchild')];
    const res = await s.api.submitDag({
      tasks: [
        { id: grandchild, dependencies: [child] },
        { id: child, dependencies: [bad] },
        { id: bad, max_attempts: 1, fail_attempts: 1 },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const settled = await dagSettled(s, res.body.dag_id, [bad, child, grandchild]);
    expect(settled.map((t) => [t.status, t.error?.code])).toEqual([
      ['FAILED', 'ATTEMPTS_EXHAUSTED'],
      ['FAILED', 'DEPENDENCY_FAILED'],
      ['FAILED', 'DEPENDENCY_FAILED'],
    ]);
    expect((await dagFinished(s.api, res.body.dag_id)).by_status).toMatchObject({ COMPLETED: 0, FAILED: 3 });
  });
});

describe('idempotent resubmission', () => {
  it('answers an identical DAG (in another order, defaults spelled out) with 200 and the same tasks', async () => {
    const [a, b, c] = [s.id('a'), s.id('b'), s.id('c')];
    const first = await s.api.submitDag({
      tasks: [{ id: a }, { id: b, dependencies: [a] }, { id: c, dependencies: [a, b] }],
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    await dagSettled(s, first.body.dag_id, [a, b, c]);

    const again = await s.api.submitDag({
      tasks: [
        { id: c, dependencies: [b, a], max_attempts: 3 },
        { id: a, fail_attempts: 0 },
        { id: b, dependencies: [a] },
      ],
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.dag_id).toBe(first.body.dag_id);
    expect(again.body.created_at).toBe(first.body.created_at);
    // The same tasks, as they are now, in the order of this request.
    expect(again.body.tasks.map((t) => [t.id, t.status, t.created_at])).toEqual([
      [c, 'COMPLETED', first.body.created_at],
      [a, 'COMPLETED', first.body.created_at],
      [b, 'COMPLETED', first.body.created_at],
    ]);
  });

  it('answers 409 DAG_EXISTS for a dag_id that names other tasks, creating nothing', async () => {
    const dagId = s.id('taken');
    const [a, other] = [s.id('a'), s.id('other')];
    expect((await s.api.submitDag({ dag_id: dagId, tasks: [{ id: a }] })).status).toBe(201);
    expect((await s.api.submitDag({ dag_id: dagId, tasks: [{ id: a }] })).status).toBe(200);
    const error = expectError(
      await s.api.submitDag({ dag_id: dagId, tasks: [{ id: a }, { id: other }] }),
      409,
      'DAG_EXISTS',
      dagId,
    );
    expect(error.details).toEqual({ dag_id: dagId });
    await expectNotCreated(other);
  });

  it('creates every task once from 10 concurrent identical submissions', async () => {
    const tasks = layeredDag((i) => s.id(`stampede-${i}`), 20);
    const answers = await Promise.all(Array.from({ length: 10 }, () => s.api.submitDag({ tasks })));
    const statuses = answers.map((r) => r.status);
    expect(
      statuses.every((st) => st === 200 || st === 201),
      JSON.stringify(statuses),
    ).toBe(true);
    expect(new Set(answers.map((r) => r.body.dag_id)).size).toBe(1);
    expect(new Set(answers.map((r) => r.body.created_at)).size).toBe(1);
    await dagSettled(
      s,
      answers[0]!.body.dag_id,
      tasks.map((t) => t.id),
    );
    const dag = await dagFinished(s.api, answers[0]!.body.dag_id);
    expect(dag.by_status.COMPLETED).toBe(20);
  });
});

describe('tasks outside the DAG', () => {
  it('accepts dependencies on existing tasks: one already completed lets its dependent be QUEUED at once', async () => {
    const [done, running] = [s.id('done'), s.id('running')];
    expect((await s.api.submit({ id: done })).status).toBe(201);
    await s.settled(done);
    expect((await s.api.submit({ id: running, duration_ms: 500 })).status).toBe(201);
    const [x, y] = [s.id('x'), s.id('y')];
    const res = await s.api.submitDag({
      tasks: [
        { id: x, dependencies: [done] },
        { id: y, dependencies: [running, x] },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.tasks.map((t) => t.status)).toEqual(['QUEUED', 'WAITING']);
    expectDependencyOrder(await dagSettled(s, res.body.dag_id, [done, running, x, y]));
  });

  it('answers 422 UNKNOWN_DEPENDENCY naming every missing id outside the DAG, creating nothing', async () => {
    const known = s.id('known');
    expect((await s.api.submit({ id: known })).status).toBe(201);
    const [a, b, ghost1, ghost2] = [s.id('a'), s.id('b'), s.id('ghost-1'), s.id('ghost-2')];
    const res = await s.api.submitDag({
      tasks: [
        { id: a, dependencies: [ghost1, known] },
        { id: b, dependencies: [a, ghost2, ghost1] },
      ],
    });
    const error = expectError(res, 422, 'UNKNOWN_DEPENDENCY');
    expect(error.details).toEqual({ missing: [ghost1, ghost2] });
    await expectNotCreated(a, b);
  });

  it('adopts an existing identical task, and answers 409 TASK_EXISTS naming every one that differs', async () => {
    const [same, diff1, diff2] = [s.id('same'), s.id('diff-1'), s.id('diff-2')];
    const before = await s.api.submit({ id: same, duration_ms: 5 });
    expect(before.status).toBe(201);
    for (const id of [diff1, diff2]) expect((await s.api.submit({ id, duration_ms: 5 })).status).toBe(201);

    const fresh = s.id('fresh');
    const conflict = await s.api.submitDag({
      tasks: [
        { id: fresh, dependencies: [same] },
        { id: same, duration_ms: 5 },
        { id: diff1, duration_ms: 6 },
        { id: diff2, type: 'IO', duration_ms: 5 },
      ],
    });
    const error = expectError(conflict, 409, 'TASK_EXISTS', diff1);
    expect(error.details).toEqual({
      conflicts: [
        { id: diff1, differing_fields: ['duration_ms'] },
        { id: diff2, differing_fields: ['type'] },
      ],
    });
    await expectNotCreated(fresh);

    const adopted = await s.api.submitDag({
      tasks: [
        { id: fresh, dependencies: [same] },
        { id: same, duration_ms: 5 },
      ],
    });
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(201);
    expect(adopted.body.tasks[1]).toMatchObject({ id: same, created_at: before.body.created_at });
    await dagSettled(s, adopted.body.dag_id, [fresh, same]);
    const dag = await dagFinished(s.api, adopted.body.dag_id);
    expect(dag).toMatchObject({ total: 2, by_status: { COMPLETED: 2 }, conflicts: [] });
  });
});

describe('GET /api/dags/:dag_id', () => {
  it('answers 404 for a DAG that does not exist, or whose id could not exist', async () => {
    expectError(await s.api.getDag(s.id('nope')), 404, 'NOT_FOUND', /does not exist/);
    expectError(await s.api.request('GET', '/api/dags/..%2Fx'), 404, 'NOT_FOUND');
  });

  it('allows only its methods', async () => {
    const res = await s.api.request('DELETE', `/api/dags/${s.id('x')}`);
    expectError(res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    const list = await s.api.request('GET', '/api/dags');
    expectError(list, 405, 'METHOD_NOT_ALLOWED');
    expect(list.headers.get('allow')).toBe('POST, OPTIONS');
  });
});
