// What `submit --watch` shows while a DAG runs: on a terminal, one cli-progress bar per status, each out of the
// DAG's task count; anywhere else (a pipe, a CI log), one line each time the counts change, since redrawn bars
// would only fill a log with control characters.
import { MultiBar, Presets } from 'cli-progress';
import type { Dag } from '../shared/dag-definition.js';
import { TASK_STATUSES } from '../shared/task-status.js';

export interface DagProgress {
  /** Shows the DAG's counts as they are now. */
  update(dag: Dag): void;
  /** Leaves the last counts on screen and gives the terminal back (cursor, timers). */
  stop(): void;
}

/** A stream progress is written to, usually standard error: a terminal when `isTTY`. */
export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean };

/** The longest status name, so that the bars line up. */
const LABEL_WIDTH = Math.max(...TASK_STATUSES.map((s) => s.length));

export function createDagProgress(stream: ProgressStream, total: number): DagProgress {
  return stream.isTTY ? progressBars(stream, total) : progressLines(stream);
}

const countOf = (dag: Dag, status: string) => dag.by_status[status] ?? 0;

function progressBars(stream: ProgressStream, total: number): DagProgress {
  const multiBar = new MultiBar(
    {
      stream,
      format: '{status} {bar} {value}/{total}',
      barsize: 30,
      hideCursor: true,
      clearOnComplete: false,
      // Ctrl-C is the watch's to handle (it says the DAG keeps running); cli-progress would swallow it.
      gracefulExit: false,
      emptyOnZero: true,
    },
    Presets.shades_classic,
  );
  const bars = TASK_STATUSES.map((status) => ({
    status,
    bar: multiBar.create(total, 0, { status: status.padEnd(LABEL_WIDTH) }),
  }));
  return {
    update(dag) {
      for (const { status, bar } of bars) {
        if (bar.getTotal() !== dag.total) bar.setTotal(dag.total);
        bar.update(countOf(dag, status));
      }
    },
    stop: () => multiBar.stop(),
  };
}

function progressLines(stream: ProgressStream): DagProgress {
  let last = '';
  return {
    update(dag) {
      const line = `${TASK_STATUSES.map((s) => `${s} ${countOf(dag, s)}`).join('  ')}  (of ${dag.total})`;
      if (line !== last) stream.write(`${line}\n`);
      last = line;
    },
    stop: () => undefined,
  };
}
