import type { DagNode } from './find-cycle.js';

/**
 * The nodes of an acyclic graph with every node after all of its dependencies among `nodes` (dependencies on other
 * ids are ignored), as Kahn's algorithm finds them in O(V + E). Ordered by depth (a node with no dependency in the
 * graph has depth 0; any other, one more than its deepest dependency), then by id: the same content in any order
 * gives the same order, and nodes of one depth can be started together. Throws on a cycle (call findCycle first).
 */
export function topologicalOrder<T extends DagNode>(nodes: readonly T[]): T[] {
  const indexOf = new Map(nodes.map((node, i) => [node.id, i]));
  const waitingOn = new Int32Array(nodes.length);
  const dependents: number[][] = nodes.map(() => []);
  nodes.forEach((node, i) => {
    for (const id of node.dependencies) {
      const dependency = indexOf.get(id);
      if (dependency === undefined) continue;
      waitingOn[i]! += 1;
      dependents[dependency]!.push(i);
    }
  });

  const ordered: T[] = [];
  let level = nodes.flatMap((_, i) => (waitingOn[i] === 0 ? [i] : []));
  while (level.length > 0) {
    const nextLevel: number[] = [];
    for (const i of level) {
      for (const dependent of dependents[i]!) {
        waitingOn[dependent]! -= 1;
        if (waitingOn[dependent] === 0) nextLevel.push(dependent);
      }
    }
    ordered.push(...level.map((i) => nodes[i]!).sort((a, b) => compareIds(a.id, b.id)));
    level = nextLevel;
  }
  if (ordered.length !== nodes.length) throw new Error('topologicalOrder: the graph has a cycle');
  return ordered;
}

/** Code-unit order, the same on every machine (localeCompare is not). */
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
