// Follows a DAG until it has finished: one `GET /api/dags/:dag_id` per tick, which counts its tasks by status in
// a handful of visibility counts whatever the DAG's size. The API offers no push, so a client polls; `finished` is
// never early (docs/api.md), so the last answer is the DAG's outcome.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Dag } from '../shared/dag-definition.js';
import type { ApiClient } from './api-client.js';
import { ApiError } from './api-error.js';
import type { DagProgress } from './watch-progress.js';
import { WatchInterruptedError } from './watch-interrupted-error.js';

export interface WatchDagOptions {
  api: ApiClient;
  /** The DAG's `Location`, as its submission answered it. */
  location: string;
  dagId: string;
  progress: DagProgress;
  /** Milliseconds between two reads. */
  intervalMs: number;
  /** The submission answered 202: its tasks were still being created. */
  pending: boolean;
  /** Aborted by Ctrl-C: the watch stops with a WatchInterruptedError. */
  signal: AbortSignal;
}

/** Resolves with the DAG once `finished`; the progress is stopped whatever happens. */
export async function watchDag(options: WatchDagOptions): Promise<Dag> {
  const { api, location, dagId, progress, intervalMs, signal } = options;
  // A 202 acknowledges the DAG for good, yet the API finds it only once its submission has marked itself accepted,
  // which a submission without a worker has not: until the DAG is first seen, NOT_FOUND means "not yet".
  let seen = !options.pending;
  try {
    for (; ; await sleep(intervalMs, undefined, { signal })) {
      const dag = await api.dagAt(location, signal).catch((err: unknown) => {
        if (!seen && err instanceof ApiError && err.code === 'NOT_FOUND') return undefined;
        throw err;
      });
      if (!dag) continue;
      seen = true;
      progress.update(dag);
      if (dag.finished) return dag;
    }
  } catch (err) {
    if (signal.aborted) throw new WatchInterruptedError(dagId);
    throw err;
  } finally {
    progress.stop();
  }
}
