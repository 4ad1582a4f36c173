import { describe, expect, it } from 'vitest';
import { dagTaskInputs } from '../../src/shared/dag-inputs.js';
import { type SubmitTaskBody, submitTaskSchema } from '../../src/shared/task-definition.js';
import { initialStatus } from '../../src/shared/workflow-inputs.js';
import { dagContentHash, derivedDagId } from '../../src/tasks/dag-content.js';

const parse = (task: Record<string, unknown>): SubmitTaskBody =>
  submitTaskSchema.parse({ type: 'COMPUTE', duration_ms: 10, ...task });

describe('dagContentHash', () => {
  const tasks = [
    parse({ id: 'a' }),
    parse({ id: 'b', dependencies: ['a', 'x'] }),
    parse({ id: 'c', priority: 2 }),
  ];

  it('is the same in any task order, dependency order, and with defaults left out or spelled out', () => {
    const reordered = [
      parse({ id: 'c', priority: 2, max_attempts: 3 }),
      parse({ id: 'b', dependencies: ['x', 'a'], fail_attempts: 0 }),
      parse({ id: 'a', dependencies: [] }),
    ];
    expect(dagContentHash(reordered)).toBe(dagContentHash(tasks));
  });

  it.each([
    ['a field', [parse({ id: 'a', duration_ms: 11 }), ...tasks.slice(1)]],
    ['a dependency', [tasks[0]!, parse({ id: 'b', dependencies: ['a'] }), tasks[2]!]],
    ['an optional field', [tasks[0]!, tasks[1]!, parse({ id: 'c' })]],
    ['a task', tasks.slice(0, 2)],
  ])('changes with %s', (_what, changed) => {
    expect(dagContentHash(changed)).not.toBe(dagContentHash(tasks));
  });

  it('names a DAG after 128 bits of its hash, in the id charset', () => {
    const id = derivedDagId(dagContentHash(tasks));
    expect(id).toMatch(/^sha256-[0-9a-f]{32}$/);
  });
});

describe('dagTaskInputs', () => {
  const toInput = dagTaskInputs({
    created_at: '2026-12-02T13:00:00.000Z',
    completed_dependencies: ['done'],
    relayed_dependencies: ['busy'],
  });

  it('gives every task the DAG created_at and only its own outside dependencies', () => {
    const input = toInput(parse({ id: 'x', dependencies: ['done', 'busy', 'inside'] }));
    expect(input).toEqual({
      spec: expect.objectContaining({ id: 'x', created_at: '2026-12-02T13:00:00.000Z' }) as unknown,
      completed_dependencies: ['done'],
      relayed_dependencies: ['busy'],
    });
    expect(initialStatus(input)).toBe('WAITING');
  });

  it('makes a task QUEUED when it has no dependency but completed outside ones', () => {
    expect(initialStatus(toInput(parse({ id: 'y', dependencies: ['done'] })))).toBe('QUEUED');
    expect(initialStatus(toInput(parse({ id: 'z' })))).toBe('QUEUED');
    expect(toInput(parse({ id: 'z' }))).not.toHaveProperty('relayed_dependencies');
  });
});
