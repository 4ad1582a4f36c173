import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DagNode } from '../../src/tasks/find-cycle.js';
import { topologicalOrder } from '../../src/tasks/topological-order.js';
import { runs } from '../helpers/properties.js';

const node = (id: string, ...dependencies: string[]): DagNode => ({ id, dependencies });
const ids = (nodes: readonly DagNode[]) => nodes.map((n) => n.id);

/** Acyclic graphs on up to 40 nodes (dependencies only on lower nodes), listed in a random order. */
const shuffledDag = fc
  .integer({ min: 1, max: 40 })
  .chain((size) =>
    fc.array(fc.uniqueArray(fc.nat({ max: size - 1 }), { maxLength: 4 }), {
      minLength: size,
      maxLength: size,
    }),
  )
  .map((deps) => deps.map((ds, i) => node(`n${i}`, ...ds.filter((d) => d < i).map((d) => `n${d}`))))
  .chain((nodes) => fc.shuffledSubarray(nodes, { minLength: nodes.length }));

describe('topologicalOrder', () => {
  it('orders by depth, then by id', () => {
    const nodes = [node('d', 'b', 'c'), node('c', 'a'), node('b', 'a'), node('a'), node('z')];
    expect(ids(topologicalOrder(nodes))).toEqual(['a', 'z', 'b', 'c', 'd']);
  });

  it('puts a task after its deepest dependency', () => {
    const nodes = [node('late', 'root', 'mid'), node('mid', 'root'), node('root')];
    expect(ids(topologicalOrder(nodes))).toEqual(['root', 'mid', 'late']);
  });

  it('ignores dependencies outside the graph', () => {
    expect(ids(topologicalOrder([node('b', 'a', 'outside'), node('a', 'outside')]))).toEqual(['a', 'b']);
  });

  it('throws on a cycle', () => {
    expect(() => topologicalOrder([node('a', 'b'), node('b', 'a')])).toThrow(/cycle/);
  });

  it('orders a 10,000-task chain', () => {
    const chain = Array.from({ length: 10_000 }, (_, i) => node(`t${i}`, ...(i > 0 ? [`t${i - 1}`] : [])));
    expect(ids(topologicalOrder([...chain].reverse()))).toEqual(ids(chain));
  });

  it('lists every task once, after all of its dependencies, whatever the input order', () => {
    fc.assert(
      fc.property(shuffledDag, (nodes) => {
        const ordered = topologicalOrder(nodes);
        expect([...ids(ordered)].sort()).toEqual([...ids(nodes)].sort());
        const position = new Map(ordered.map((n, i) => [n.id, i]));
        for (const n of ordered)
          for (const d of n.dependencies) expect(position.get(d)!).toBeLessThan(position.get(n.id)!);
      }),
      runs(300),
    );
  });

  it('gives the same order for the same tasks in any order', () => {
    fc.assert(
      fc.property(shuffledDag, (nodes) => {
        const sorted = [...nodes].sort((a, b) => (a.id < b.id ? -1 : 1));
        expect(ids(topologicalOrder(nodes))).toEqual(ids(topologicalOrder(sorted)));
      }),
      runs(200),
    );
  });
});
