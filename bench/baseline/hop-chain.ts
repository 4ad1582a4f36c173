import type { BaselineStart } from './baseline-starter.js';
import type { HopTimes } from './hop-messages.js';

/**
 * The starts of a hop chain whose links have these workflow ids, in chain order. Every link but the first waits
 * for `go`; the first is started last, once all the others exist, because a signal to a workflow that does not
 * exist yet fails its sender. The others have no order among them, so they start as fast as the in-flight bound
 * allows.
 */
export function hopChainStarts(ids: readonly string[]): BaselineStart[] {
  const link = (k: number, dependencies: string[]): BaselineStart => ({
    id: ids[k]!,
    dependencies,
    workflowType: 'hopWorkflow',
    args: [{ wait_for_go: k > 0, next: ids[k + 1] ?? null }],
  });
  const waiting = ids.slice(1).map((_, i) => link(i + 1, []));
  return ids.length === 0 ? [] : [...waiting, link(0, ids.slice(1))];
}

/** The chain's run once every link reported: hops as workload 3 measures them, and the span of all the work. */
export interface HopChainTimings {
  /** Per consecutive pair: link k+1's activity start minus link k's activity finish. */
  hops_ms: number[];
  /** Last activity finish minus first activity start. */
  makespan_ms: number;
}

/** Links that did not complete (undefined) are skipped, with the hops on either side of them. */
export function hopChainTimings(links: readonly (HopTimes | undefined)[]): HopChainTimings {
  const hops: number[] = [];
  for (let k = 0; k + 1 < links.length; k++) {
    const [from, to] = [links[k], links[k + 1]];
    if (from && to) hops.push(Date.parse(to.started_at) - Date.parse(from.finished_at));
  }
  const done = links.filter((link) => link !== undefined);
  const firstStart = Math.min(...done.map((link) => Date.parse(link.started_at)));
  const lastFinish = Math.max(...done.map((link) => Date.parse(link.finished_at)));
  return { hops_ms: hops, makespan_ms: lastFinish - firstStart };
}
