// Every way a DAG submission can be rejected, over real HTTP against a real API process: each rejection names
// every problem it found, and creates nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskInput } from '../helpers/api-client.js';
import { type ErrorBody, anyMessage, expectError } from '../helpers/expect-error.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('dags-validation');
});
afterAll(() => s?.stop());

const postJson = (body: unknown) => s.api.postJson<ErrorBody>('/api/dags', body);
const task = (id: string, extra: Partial<TaskInput> = {}) => ({ id, type: 'T', duration_ms: 0, ...extra });

async function expectNotCreated(...ids: string[]) {
  for (const id of ids) expectError(await s.api.get(id), 404, 'NOT_FOUND', id);
}

describe('400 VALIDATION_ERROR', () => {
  it('locates every invalid field by task index and field, in the message and the details', async () => {
    const ok = s.id('ok');
    const error = expectError(
      await postJson({
        tasks: [
          task(ok),
          task(s.id('a'), { duration_ms: 1.5 }),
          { id: s.id('b'), type: 'T' },
          task(s.id('c'), { max_attempts: 0, colour: 'red' } as Partial<TaskInput>),
        ],
      }),
      400,
      'VALIDATION_ERROR',
      /tasks\.1\.duration_ms/,
    );
    const details = error.details as { field: string }[];
    expect([...details].sort((x, y) => (x.field < y.field ? -1 : 1))).toEqual([
      { field: 'tasks.1.duration_ms', message: anyMessage },
      { field: 'tasks.2.duration_ms', message: anyMessage },
      { field: 'tasks.3', message: 'unknown field(s): colour' },
      { field: 'tasks.3.max_attempts', message: anyMessage },
    ]);
    await expectNotCreated(ok);
  });

  it('rejects duplicate ids inside the request, naming each repeat', async () => {
    const [a, b] = [s.id('a'), s.id('b')];
    const error = expectError(
      await postJson({ tasks: [task(a), task(b), task(a), task(a, { duration_ms: 5 })] }),
      400,
      'VALIDATION_ERROR',
      /duplicate/,
    );
    expect(error.details).toEqual([
      { field: 'tasks.2.id', message: 'duplicate id: tasks.0 has it too' },
      { field: 'tasks.3.id', message: 'duplicate id: tasks.0 has it too' },
    ]);
    await expectNotCreated(a, b);
  });

  it.each([
    ['no tasks', { tasks: [] }, 'tasks'],
    ['no body fields', {}, 'tasks'],
    ['tasks that are not a list', { tasks: { a: 1 } }, 'tasks'],
    ['a bad dag_id', { dag_id: 'a b', tasks: [task('a')] }, 'dag_id'],
    ['an unknown field', { tasks: [task('a')], name: 'etl' }, 'body'],
    ['a JSON value that is not an object', [task('a')], 'body'],
  ])('rejects %s', async (_what, body, field) => {
    const error = expectError(await postJson(body), 400, 'VALIDATION_ERROR');
    expect(error.details).toEqual([{ field, message: anyMessage }]);
  });

  it('rejects 10,001 tasks', async () => {
    const tasks = Array.from({ length: 10_001 }, (_, i) => task(`t${i}`));
    const error = expectError(await postJson({ tasks }), 400, 'VALIDATION_ERROR');
    expect(error.details).toEqual([
      { field: 'tasks', message: 'Too big: expected array to have <=10000 items' },
    ]);
  });

  it('rejects dependencies on more than 1,000 distinct tasks outside the request', async () => {
    const outside = Array.from({ length: 1_001 }, (_, i) => s.id(`old-${i}`));
    const body = {
      tasks: [
        task(s.id('a'), { dependencies: outside.slice(0, 600) }),
        task(s.id('b'), { dependencies: outside.slice(600) }),
      ],
    };
    const error = expectError(await postJson(body), 400, 'VALIDATION_ERROR', /at most 1000/);
    expect(error.details).toEqual([{ field: 'tasks', message: anyMessage }]);
  });
});

describe('422: a DAG that can never run', () => {
  it('answers CYCLE with one cycle in order, its first id repeated at the end, creating nothing', async () => {
    const [a, b, c, entry, free] = ['a', 'b', 'c', 'entry', 'free'].map((l) => s.id(l)) as [
      string,
      string,
      string,
      string,
      string,
    ];
    const res = await postJson({
      tasks: [
        task(entry, { dependencies: [a] }),
        task(a, { dependencies: [b] }),
        task(b, { dependencies: [c] }),
        task(c, { dependencies: [a, free] }),
        task(free),
      ],
    });
    const error = expectError(res, 422, 'CYCLE', new RegExp(`"${a}" → "${b}" → "${c}" → "${a}"`));
    expect(error.details).toEqual({ cycle: [a, b, c, a] });
    await expectNotCreated(a, b, c, entry, free);
  });

  it('answers CYCLE for a task that depends on itself', async () => {
    const loop = s.id('loop');
    const error = expectError(
      await postJson({ tasks: [task(loop, { dependencies: [loop] })] }),
      422,
      'CYCLE',
    );
    expect(error.details).toEqual({ cycle: [loop, loop] });
    await expectNotCreated(loop);
  });

  it('finds the cycle closing a 10,000-task chain', async () => {
    const prefix = s.id('chain');
    const ids = Array.from({ length: 10_000 }, (_, i) => `${prefix}-${i}`);
    const tasks = ids.map((id, i) => task(id, { dependencies: [ids[(i + ids.length - 1) % ids.length]!] }));
    const error = expectError(await postJson({ tasks }), 422, 'CYCLE');
    const cycle = (error.details as { cycle: string[] }).cycle;
    expect(cycle).toHaveLength(10_001);
    expect(cycle.at(-1)).toBe(cycle[0]);
    await expectNotCreated(ids[0]!, ids[9_999]!);
  });

  it('reports a cycle before unknown dependencies: the cycle needs no look-up', async () => {
    const [a, b] = [s.id('a'), s.id('b')];
    const res = await postJson({
      tasks: [task(a, { dependencies: [b, s.id('ghost')] }), task(b, { dependencies: [a] })],
    });
    expect(expectError(res, 422, 'CYCLE').details).toEqual({ cycle: [a, b, a] });
  });
});

describe('content type and size', () => {
  it('rejects a body that is not JSON with 415', async () => {
    const res = await s.api.request<ErrorBody>('POST', '/api/dags', {
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ tasks: [task('a')] }),
    });
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('accepts a body over the 1 MB of a single task, and rejects one over 4 MB with 413', async () => {
    const prefix = s.id('big');
    // About 1.3 MB: over what POST /api/tasks takes, well under the DAG limit; a cycle keeps it from running.
    const ids = Array.from({ length: 9_000 }, (_, i) => `${prefix}-${'x'.repeat(100)}-${i}`);
    const tasks = ids.map((id, i) => task(id, { dependencies: [ids[(i + 1) % ids.length]!] }));
    expect(JSON.stringify({ tasks }).length).toBeGreaterThan(1024 * 1024);
    expectError(await postJson({ tasks }), 422, 'CYCLE');
    const padded = { tasks: [task(s.id('pad'))], padding: 'x'.repeat(4 * 1024 * 1024) };
    expectError(await postJson(padded), 413, 'PAYLOAD_TOO_LARGE', /4 MB/);
  });
});
