import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../src/api/parse-request.js';
import { RequestValidationError } from '../../src/errors/request-validation-error.js';
import { MAX_DAG_TASKS, submitDagSchema } from '../../src/shared/dag-definition.js';

const anyMessage: unknown = expect.any(String);
const task = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'T',
  duration_ms: 0,
  ...extra,
});

/** The field problems `parseRequest` reports for the body (as the API's 400 details). */
function problems(body: unknown): { field: string; message: string }[] {
  try {
    parseRequest(submitDagSchema, body, 'body');
  } catch (err) {
    if (err instanceof RequestValidationError) return [...err.problems];
    throw err;
  }
  throw new Error(`accepted ${JSON.stringify(body).slice(0, 200)}`);
}
const fields = (body: unknown) => problems(body).map((p) => p.field);

describe('submitDagSchema', () => {
  it('applies each task its defaults, as POST /api/tasks does', () => {
    const parsed = submitDagSchema.parse({ tasks: [task('a'), task('b', { dependencies: ['a'] })] });
    expect(parsed.tasks[0]).toEqual({ ...task('a'), dependencies: [], max_attempts: 3, fail_attempts: 0 });
    expect(parsed).not.toHaveProperty('dag_id');
  });

  it('locates every invalid field by task index and field', () => {
    const body = {
      tasks: [
        task('ok'),
        task('a', { duration_ms: -1 }),
        task('bad id'),
        task('b', { dependencies: ['x', 'x'], colour: 1 }),
      ],
    };
    expect(fields(body).sort()).toEqual([
      'tasks.1.duration_ms',
      'tasks.2.id',
      'tasks.3',
      'tasks.3.dependencies',
    ]);
  });

  it('names each duplicate id with the index that has it first, alongside other problems', () => {
    const body = { tasks: [task('a'), task('b'), task('a', { duration_ms: 'x' }), task('b'), task('a')] };
    expect(problems(body)).toEqual(
      expect.arrayContaining([
        { field: 'tasks.2.id', message: 'duplicate id: tasks.0 has it too' },
        { field: 'tasks.3.id', message: 'duplicate id: tasks.1 has it too' },
        { field: 'tasks.4.id', message: 'duplicate id: tasks.0 has it too' },
        { field: 'tasks.2.duration_ms', message: anyMessage },
      ]),
    );
  });

  it('takes 1 to 10,000 tasks', () => {
    expect(fields({ tasks: [] })).toEqual(['tasks']);
    expect(fields({})).toEqual(['tasks']);
    const many = Array.from({ length: MAX_DAG_TASKS + 1 }, (_, i) => task(`t${i}`));
    expect(submitDagSchema.safeParse({ tasks: many.slice(1) }).success).toBe(true);
    expect(fields({ tasks: many })).toEqual(['tasks']);
  });

  it('takes at most 1,000 distinct dependencies outside the request', () => {
    const outside = (n: number) => Array.from({ length: n }, (_, i) => `old-${i}`);
    const body = (n: number) => ({
      tasks: [
        task('a', { dependencies: outside(n).slice(0, 500) }),
        task('b', { dependencies: outside(n).slice(500) }),
      ],
    });
    expect(submitDagSchema.safeParse(body(1_000)).success).toBe(true);
    expect(problems(body(1_001))).toEqual([
      { field: 'tasks', message: expect.stringMatching(/at most 1000 .*1001/) as unknown },
    ]);
  });

  it('validates dag_id with the id rules and rejects unknown fields', () => {
    expect(fields({ dag_id: 'a/b', tasks: [task('a')] })).toEqual(['dag_id']);
    expect(fields({ tasks: [task('a')], name: 'x' })).toEqual(['body']);
    expect(submitDagSchema.parse({ dag_id: 'etl:2026-12-02', tasks: [task('a')] }).dag_id).toBe(
      'etl:2026-12-02',
    );
  });

  it('names the first hundred problems in the message and lists all of them in the details', () => {
    const body = { tasks: Array.from({ length: 140 }, (_, i) => task(`t${i}`, { duration_ms: -1 })) };
    try {
      parseRequest(submitDagSchema, body, 'body');
      expect.unreachable();
    } catch (err) {
      const error = err as RequestValidationError;
      expect(error.problems).toHaveLength(140);
      expect(error.message).toContain('tasks.99.duration_ms');
      expect(error.message).not.toContain('tasks.100.duration_ms');
      expect(error.message).toMatch(/and 40 more$/);
    }
  });
});
