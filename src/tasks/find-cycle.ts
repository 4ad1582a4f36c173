/** A task as the graph algorithms see it: its id and the ids it depends on. */
export interface DagNode {
  id: string;
  dependencies: readonly string[];
}

const WHITE = 0; // not visited yet
const GREY = 1; // on the current path
const BLACK = 2; // visited, and no cycle goes through it

/**
 * One cycle among `nodes`, in order (each task depends on the next) with its first id repeated at the end:
 * `["a", "b", "c", "a"]`; a task that depends on itself gives `["a", "a"]`. Undefined when the graph is acyclic.
 * Dependencies on ids outside `nodes` are ignored: an existing task cannot be on a cycle with new ones (see
 * docs/api.md).
 *
 * A depth-first search with colours, O(V + E). Iterative with an explicit stack, so that a 10,000-task chain
 * does not overflow the call stack: a dependency reached while it is GREY is on the current path, and the path
 * from it to the top of the stack is the cycle.
 */
export function findCycle(nodes: readonly DagNode[]): string[] | undefined {
  const indexOf = new Map(nodes.map((node, i) => [node.id, i]));
  const colour = new Uint8Array(nodes.length);
  /** Where each GREY node sits in `path`. */
  const depth = new Int32Array(nodes.length);
  const path: number[] = [];
  /** For each node on `path`, the next of its dependencies to look at. */
  const next: number[] = [];

  for (let root = 0; root < nodes.length; root++) {
    if (colour[root] !== WHITE) continue;
    colour[root] = GREY;
    path.push(root);
    next.push(0);
    while (path.length > 0) {
      const top = path.length - 1;
      const node = path[top]!;
      const dependencies = nodes[node]!.dependencies;
      if (next[top]! === dependencies.length) {
        colour[node] = BLACK;
        path.pop();
        next.pop();
        continue;
      }
      const dependency = indexOf.get(dependencies[next[top]!]!);
      next[top]! += 1;
      if (dependency === undefined || colour[dependency] === BLACK) continue;
      if (colour[dependency] === GREY) {
        const cycle = path.slice(depth[dependency]).map((i) => nodes[i]!.id);
        return [...cycle, nodes[dependency]!.id];
      }
      colour[dependency] = GREY;
      depth[dependency] = path.length;
      path.push(dependency);
      next.push(0);
    }
  }
  return undefined;
}
