import { describe, expect, it } from 'vitest';
import { listTasksQuerySchema, submitTaskSchema } from '../../src/api/schemas.js';

const valid = { id: 'task-1', type: 'COMPUTE', duration_ms: 100 };

/** A valid body with `overrides` applied; an `undefined` override removes the field. */
function body(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...valid, ...overrides };
  for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete merged[key];
  return merged;
}

const accepts = (overrides: Record<string, unknown>) => submitTaskSchema.safeParse(body(overrides)).success;

/** The paths of the issues the schema reports for the body. */
function rejectedFields(overrides: Record<string, unknown>): string[] {
  const result = submitTaskSchema.safeParse(body(overrides));
  if (result.success) throw new Error(`accepted ${JSON.stringify(body(overrides))}`);
  return result.error.issues.map((issue) => issue.path.join('.'));
}

describe('submitTaskSchema', () => {
  it('fills in the defaults of a minimal body', () => {
    expect(submitTaskSchema.parse(valid)).toEqual({
      ...valid,
      dependencies: [],
      max_attempts: 3,
      fail_attempts: 0,
    });
  });

  it('keeps every field given', () => {
    const full = { ...valid, dependencies: ['a', 'b'], max_attempts: 7, fail_attempts: 2 };
    expect(submitTaskSchema.parse(full)).toEqual(full);
  });

  describe('id', () => {
    it('accepts 1 and 128 characters, rejects 0 and 129', () => {
      expect(accepts({ id: 'a' })).toBe(true);
      expect(accepts({ id: 'a'.repeat(128) })).toBe(true);
      expect(rejectedFields({ id: '' })).toEqual(['id']);
      expect(rejectedFields({ id: 'a'.repeat(129) })).toEqual(['id']);
    });

    it('accepts letters, digits and . _ : -', () => {
      expect(accepts({ id: 'AZaz09._:-' })).toBe(true);
      expect(accepts({ id: 'job:2024-01-01.step_1' })).toBe(true);
    });

    it.each(['a/b', 'a b', 'é', 'tâche', '日本', 'a\nb', 'a?b', 'a#b', 'a%2Fb', '😀', 'a+b'])(
      'rejects %j',
      (id) => {
        expect(rejectedFields({ id })).toEqual(['id']);
      },
    );

    it('is required and must be a string', () => {
      expect(rejectedFields({ id: undefined })).toEqual(['id']);
      expect(rejectedFields({ id: 42 })).toEqual(['id']);
      expect(rejectedFields({ id: null })).toEqual(['id']);
    });
  });

  describe('type', () => {
    it('accepts 1 and 64 characters, rejects 0 and 65', () => {
      expect(accepts({ type: 'T' })).toBe(true);
      expect(accepts({ type: 'T'.repeat(64) })).toBe(true);
      expect(rejectedFields({ type: '' })).toEqual(['type']);
      expect(rejectedFields({ type: 'T'.repeat(65) })).toEqual(['type']);
    });

    it('accepts letters, digits and . _ -', () => {
      expect(accepts({ type: 'Az09._-' })).toBe(true);
    });

    it.each(['a:b', 'a b', 'a/b', "a'b", 'é'])('rejects %j', (type) => {
      expect(rejectedFields({ type })).toEqual(['type']);
    });

    it('is required', () => {
      expect(rejectedFields({ type: undefined })).toEqual(['type']);
    });
  });

  describe('duration_ms', () => {
    it('accepts 0 and 86,400,000', () => {
      expect(accepts({ duration_ms: 0 })).toBe(true);
      expect(accepts({ duration_ms: 86_400_000 })).toBe(true);
    });

    it.each([-1, 86_400_001, 1.5, '10', null, Number.NaN, Number.POSITIVE_INFINITY])(
      'rejects %j',
      (value) => {
        expect(rejectedFields({ duration_ms: value })).toEqual(['duration_ms']);
      },
    );

    it('is required', () => {
      expect(rejectedFields({ duration_ms: undefined })).toEqual(['duration_ms']);
    });
  });

  describe('dependencies', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `dep-${i}`);

    it('defaults to []', () => {
      expect(submitTaskSchema.parse(valid).dependencies).toEqual([]);
    });

    it('accepts 1000 ids and rejects 1001', () => {
      expect(accepts({ dependencies: ids(1000) })).toBe(true);
      expect(rejectedFields({ dependencies: ids(1001) })).toEqual(['dependencies']);
    });

    it('rejects duplicates', () => {
      const result = submitTaskSchema.safeParse(body({ dependencies: ['a', 'b', 'a'] }));
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toContain('duplicates');
    });

    it('validates each id with the id rules, pointing at its index', () => {
      expect(rejectedFields({ dependencies: ['ok', 'not/ok'] })).toEqual(['dependencies.1']);
      expect(rejectedFields({ dependencies: ['ok', 'a'.repeat(129)] })).toEqual(['dependencies.1']);
      expect(rejectedFields({ dependencies: [7] })).toEqual(['dependencies.0']);
    });

    it('must be an array', () => {
      expect(rejectedFields({ dependencies: 'a' })).toEqual(['dependencies']);
      expect(rejectedFields({ dependencies: null })).toEqual(['dependencies']);
    });
  });

  describe('max_attempts', () => {
    it('defaults to 3 and accepts 1..100', () => {
      expect(submitTaskSchema.parse(valid).max_attempts).toBe(3);
      expect(accepts({ max_attempts: 1 })).toBe(true);
      expect(accepts({ max_attempts: 100 })).toBe(true);
    });

    it.each([0, 101, -1, 2.5, '3'])('rejects %j', (value) => {
      expect(rejectedFields({ max_attempts: value })).toEqual(['max_attempts']);
    });
  });

  describe('fail_attempts', () => {
    it('defaults to 0 and accepts any non-negative integer', () => {
      expect(submitTaskSchema.parse(valid).fail_attempts).toBe(0);
      expect(accepts({ fail_attempts: 0 })).toBe(true);
      expect(accepts({ fail_attempts: 1000 })).toBe(true);
    });

    it.each([-1, 0.5, '1'])('rejects %j', (value) => {
      expect(rejectedFields({ fail_attempts: value })).toEqual(['fail_attempts']);
    });
  });

  describe('priority', () => {
    it('is optional, without a default, and accepts 1 to 5', () => {
      expect(submitTaskSchema.parse(valid)).not.toHaveProperty('priority');
      for (const priority of [1, 3, 5]) expect(accepts({ priority })).toBe(true);
    });

    it.each([0, 6, 2.5, '1', null])('rejects %j', (value) => {
      expect(rejectedFields({ priority: value })).toEqual(['priority']);
    });
  });

  it('rejects unknown fields, naming them', () => {
    const result = submitTaskSchema.safeParse(body({ colour: 1, durationMs: 5 }));
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.code === 'unrecognized_keys');
    expect(issue).toMatchObject({ keys: ['colour', 'durationMs'] });
  });

  it.each([null, [], 'task', 42])('rejects a body that is not an object: %j', (value) => {
    expect(submitTaskSchema.safeParse(value).success).toBe(false);
  });

  it('reports every invalid field at once', () => {
    expect(rejectedFields({ id: '', type: 'a:b', duration_ms: -1 }).sort()).toEqual([
      'duration_ms',
      'id',
      'type',
    ]);
  });
});

describe('listTasksQuerySchema', () => {
  const parse = (query: Record<string, unknown>) => listTasksQuerySchema.safeParse(query);

  /** The paths of the issues the schema reports for the query. */
  function rejectedParams(query: Record<string, unknown>): string[] {
    const result = parse(query);
    if (result.success) throw new Error(`accepted ${JSON.stringify(query)}`);
    return result.error.issues.map((issue) => issue.path.join('.'));
  }

  it('defaults limit to 100 and leaves the filters unset', () => {
    expect(listTasksQuerySchema.parse({})).toEqual({ limit: 100 });
  });

  it('parses limit from its string form, 1 to 1000', () => {
    expect(listTasksQuerySchema.parse({ limit: '1' }).limit).toBe(1);
    expect(listTasksQuerySchema.parse({ limit: '1000' }).limit).toBe(1000);
    expect(listTasksQuerySchema.parse({ limit: '42' }).limit).toBe(42);
  });

  it.each(['0', '1001', '9999', 'abc', '-1', '1.5', '', '1e3', ' 5', '10000'])(
    'rejects limit=%j',
    (limit) => {
      expect(rejectedParams({ limit })).toEqual(['limit']);
    },
  );

  it('rejects a repeated limit (an array from the query parser)', () => {
    expect(rejectedParams({ limit: ['1', '2'] })).toEqual(['limit']);
  });

  it.each(['WAITING', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'])('accepts status=%s', (status) => {
    expect(listTasksQuerySchema.parse({ status }).status).toBe(status);
  });

  it.each(['DONE', 'completed', '', 'RUNNING,FAILED'])('rejects status=%j', (status) => {
    expect(rejectedParams({ status })).toEqual(['status']);
  });

  it('validates type with the task type rules', () => {
    expect(listTasksQuerySchema.parse({ type: 'COMPUTE.v2' }).type).toBe('COMPUTE.v2');
    expect(rejectedParams({ type: 'a:b' })).toEqual(['type']);
    expect(rejectedParams({ type: "x' OR 'a'='a" })).toEqual(['type']);
    expect(rejectedParams({ type: 'T'.repeat(65) })).toEqual(['type']);
  });

  it('accepts a base64url cursor', () => {
    expect(listTasksQuerySchema.parse({ cursor: 'AbC-_09' }).cursor).toBe('AbC-_09');
  });

  it.each(['', 'abc=', 'a+b', 'a/b', 'a b', 'é', 'A'.repeat(8193)])('rejects cursor=%j', (cursor) => {
    expect(rejectedParams({ cursor })).toEqual(['cursor']);
  });

  it('rejects unknown parameters', () => {
    const result = parse({ page: '2' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['page'] });
  });
});
