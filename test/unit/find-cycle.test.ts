import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DagNode, findCycle } from '../../src/tasks/find-cycle.js';
import { runs } from '../helpers/properties.js';

const node = (id: string, ...dependencies: string[]): DagNode => ({ id, dependencies });

/** Asserts that `cycle` is a cycle of the graph: closed, each task depending on the next, no task twice. */
function expectCycleOf(nodes: readonly DagNode[], cycle: string[] | undefined): void {
  expect(cycle).toBeDefined();
  const path = cycle!;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  expect(path.length).toBeGreaterThanOrEqual(2);
  expect(path.at(-1)).toBe(path[0]);
  expect(new Set(path.slice(0, -1)).size).toBe(path.length - 1);
  for (let i = 0; i + 1 < path.length; i++) {
    expect(byId.get(path[i]!)?.dependencies, `${path[i]} → ${path[i + 1]}`).toContain(path[i + 1]);
  }
}

/** Whether the graph has a cycle, by Kahn's algorithm: an independent oracle for the DFS. */
function hasCycle(nodes: readonly DagNode[]): boolean {
  const ids = new Set(nodes.map((n) => n.id));
  const waiting = new Map(nodes.map((n) => [n.id, n.dependencies.filter((d) => ids.has(d)).length]));
  const ready = nodes.filter((n) => waiting.get(n.id) === 0).map((n) => n.id);
  let done = 0;
  while (ready.length > 0) {
    const id = ready.pop()!;
    done += 1;
    for (const n of nodes) {
      if (!n.dependencies.includes(id)) continue;
      const left = waiting.get(n.id)! - 1;
      waiting.set(n.id, left);
      if (left === 0) ready.push(n.id);
    }
  }
  return done < nodes.length;
}

/** A graph on `size` nodes `n0..`, each node's dependencies drawn from all nodes (cycles likely) or only lower ones. */
const graph = (acyclic: boolean) =>
  fc.integer({ min: 1, max: 40 }).chain((size) =>
    fc
      .array(fc.uniqueArray(fc.nat({ max: size - 1 }), { maxLength: 4 }), {
        minLength: size,
        maxLength: size,
      })
      .map((deps) =>
        deps.map((ds, i) => node(`n${i}`, ...ds.filter((d) => !acyclic || d < i).map((d) => `n${d}`))),
      ),
  );

describe('findCycle', () => {
  it('finds none in an empty graph, a single task, a diamond and a forest', () => {
    expect(findCycle([])).toBeUndefined();
    expect(findCycle([node('a')])).toBeUndefined();
    expect(findCycle([node('d', 'b', 'c'), node('b', 'a'), node('c', 'a'), node('a')])).toBeUndefined();
    expect(findCycle([node('a'), node('b', 'a'), node('x'), node('y', 'x')])).toBeUndefined();
  });

  it('returns the cycle in order, each task depending on the next, its first id repeated at the end', () => {
    // a depends on b, b on c, c on a.
    expect(findCycle([node('a', 'b'), node('b', 'c'), node('c', 'a')])).toEqual(['a', 'b', 'c', 'a']);
  });

  it('reports a task that depends on itself as a cycle of one', () => {
    expect(findCycle([node('a'), node('self', 'a', 'self')])).toEqual(['self', 'self']);
  });

  it('returns only the cycle, not the path that led to it', () => {
    const nodes = [node('entry', 'x'), node('x', 'y'), node('y', 'z'), node('z', 'x')];
    expect(findCycle(nodes)).toEqual(['x', 'y', 'z', 'x']);
  });

  it('ignores dependencies outside the graph: existing tasks cannot close a cycle', () => {
    expect(findCycle([node('a', 'existing-1'), node('b', 'a', 'existing-2')])).toBeUndefined();
  });

  it('handles a 10,000-task chain without overflowing the stack, and finds the cycle closing it', () => {
    const chain = Array.from({ length: 10_000 }, (_, i) => node(`t${i}`, ...(i > 0 ? [`t${i - 1}`] : [])));
    expect(findCycle(chain)).toBeUndefined();
    const closed = [node('t0', 't9999'), ...chain.slice(1)];
    const cycle = findCycle(closed);
    expect(cycle).toHaveLength(10_001);
    expectCycleOf(closed, cycle);
  });

  it('is linear: 10,000 tasks with 100,000 dependencies take milliseconds', () => {
    const nodes = Array.from({ length: 10_000 }, (_, i) =>
      node(`t${i}`, ...Array.from({ length: Math.min(i, 10) }, (_, k) => `t${i - 1 - k}`)),
    );
    const started = performance.now();
    expect(findCycle(nodes)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('finds no cycle in any graph whose edges all point to lower nodes, in any order', () => {
    fc.assert(
      fc.property(
        graph(true).chain((nodes) => fc.shuffledSubarray(nodes, { minLength: nodes.length })),
        (nodes) => {
          expect(findCycle(nodes)).toBeUndefined();
        },
      ),
      runs(300),
    );
  });

  it('finds a real cycle exactly when the graph has one', () => {
    fc.assert(
      fc.property(graph(false), (nodes) => {
        const cycle = findCycle(nodes);
        expect(cycle !== undefined).toBe(hasCycle(nodes));
        if (cycle) expectCycleOf(nodes, cycle);
      }),
      runs(500),
    );
  });
});
