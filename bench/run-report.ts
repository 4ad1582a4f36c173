import { cpus, loadavg } from 'node:os';
import { projectRoot } from '../src/project-root.js';
import { gitCommit } from './git-commit.js';
import type { BenchOptions } from './options/bench-options.js';
import { type TargetComparison, compareTargets } from './target-comparison.js';
import type { TargetRun } from './target-run.js';

/** Everything one run writes to bench-results/<timestamp>.json and bench-results/latest.json. */
export interface RunReport {
  started_at: string;
  finished_at: string;
  commit: string;
  options: BenchOptions;
  machine: { cpus: number; node: string; load_average_at_start: number[]; load_average_at_end: number[] };
  /** One per target, in the order run: dev then cluster with `--target=both`. */
  runs: TargetRun[];
  /** The second run against the first (cluster ÷ dev); null with one target. */
  comparison: TargetComparison | null;
}

export function buildRunReport(run: {
  startedAt: Date;
  loadAverageAtStart: number[];
  options: BenchOptions;
  runs: TargetRun[];
}): RunReport {
  const [first, second] = run.runs;
  return {
    started_at: run.startedAt.toISOString(),
    finished_at: new Date().toISOString(),
    commit: gitCommit(projectRoot()),
    options: run.options,
    // Other work on the machine skews every figure: the load averages say how quiet it was.
    machine: {
      cpus: cpus().length,
      node: process.version,
      load_average_at_start: run.loadAverageAtStart,
      load_average_at_end: loadavg(),
    },
    runs: run.runs,
    comparison: first && second ? compareTargets(first, second) : null,
  };
}
