import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startBatches } from '../../workflows/start-batches.js';
import type { SubmitTaskBody } from '../../src/shared/task-definition.js';
import { topologicalOrder } from '../../src/tasks/topological-order.js';
import { runs } from '../helpers/properties.js';

const task = (id: string, ...dependencies: string[]): SubmitTaskBody => ({
  id,
  type: 'T',
  duration_ms: 0,
  dependencies,
  max_attempts: 3,
  fail_attempts: 0,
});
const ids = (batches: SubmitTaskBody[][]) => batches.map((batch) => batch.map((t) => t.id));

describe('startBatches', () => {
  it('starts independent tasks together and a dependent after its dependency', () => {
    const tasks = [task('a'), task('b'), task('c', 'a'), task('d', 'outside'), task('e', 'c')];
    expect(ids(startBatches(tasks, 100))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('caps the batch size', () => {
    const tasks = ['a', 'b', 'c', 'd', 'e'].map((id) => task(id));
    expect(ids(startBatches(tasks, 2))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(startBatches([], 2)).toEqual([]);
  });

  it('never puts a task in the batch of one of its dependencies, and keeps the order', () => {
    const dag = fc
      .integer({ min: 1, max: 60 })
      .chain((size) =>
        fc.array(fc.uniqueArray(fc.nat({ max: size - 1 }), { maxLength: 3 }), {
          minLength: size,
          maxLength: size,
        }),
      )
      .map((deps) =>
        topologicalOrder(deps.map((ds, i) => task(`n${i}`, ...ds.filter((d) => d < i).map((d) => `n${d}`)))),
      );
    fc.assert(
      fc.property(dag, fc.integer({ min: 1, max: 10 }), (tasks, max) => {
        const batches = startBatches(tasks, max);
        expect(batches.flat()).toEqual(tasks);
        for (const batch of batches) {
          expect(batch.length).toBeLessThanOrEqual(max);
          const inBatch = new Set(batch.map((t) => t.id));
          for (const t of batch) expect(t.dependencies.filter((d) => inBatch.has(d))).toEqual([]);
        }
      }),
      runs(300),
    );
  });
});
