import { describe, expect, it } from 'vitest';
import { differingFields } from '../../src/shared/differing-fields.js';
import type { Task, TaskSpec } from '../../src/shared/task-definition.js';
import { COMPLETED, STARTED, spec, specFields } from '../helpers/task-spec-fixture.js';

describe('differingFields', () => {
  const existing: Task = {
    ...specFields,
    status: 'COMPLETED',
    attempts: 2,
    started_at: STARTED.toISOString(),
    completed_at: COMPLETED.toISOString(),
    error: null,
  };
  const resubmitted = (overrides: Partial<TaskSpec>): TaskSpec => ({
    ...spec,
    created_at: '2024-06-01T00:00:00.000Z',
    ...overrides,
  });

  it('finds no difference in an identical resubmission, whatever its created_at and the task state', () => {
    expect(differingFields(existing, resubmitted({}))).toEqual([]);
  });

  it('ignores the order of dependencies', () => {
    expect(differingFields(existing, resubmitted({ dependencies: ['extract-2', 'extract-1'] }))).toEqual([]);
  });

  it.each([
    ['type', { type: 'OTHER' }],
    ['duration_ms', { duration_ms: 1_501 }],
    ['max_attempts', { max_attempts: 3 }],
    ['fail_attempts', { fail_attempts: 0 }],
    ['dependencies', { dependencies: ['extract-1'] }],
    ['dependencies', { dependencies: ['extract-1', 'extract-2', 'extract-3'] }],
    ['dependencies', { dependencies: ['extract-1', 'extract-3'] }],
    ['dependencies', { dependencies: [] }],
  ] satisfies [string, Partial<TaskSpec>][])('reports %s when it differs (%j)', (field, overrides) => {
    expect(differingFields(existing, resubmitted(overrides))).toEqual([field]);
  });

  it('reports every differing field', () => {
    const differing = differingFields(
      existing,
      resubmitted({ type: 'OTHER', duration_ms: 0, max_attempts: 1, fail_attempts: 9, dependencies: [] }),
    );
    expect(differing.sort()).toEqual([
      'dependencies',
      'duration_ms',
      'fail_attempts',
      'max_attempts',
      'type',
    ]);
  });

  it('reports dependencies added to a task that had none', () => {
    const noDeps: Task = { ...existing, dependencies: [] };
    expect(differingFields(noDeps, resubmitted({ dependencies: ['extract-1'] }))).toEqual(['dependencies']);
    expect(differingFields(noDeps, resubmitted({ dependencies: [] }))).toEqual([]);
  });
});
