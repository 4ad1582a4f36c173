import { cpus, loadavg } from 'node:os';
import { projectRoot } from '../src/project-root.js';
import { gitCommit } from './git-commit.js';
import type { TemporalServer } from '../test/harness/temporal-server.js';
import type { BenchOptions } from './options/bench-options.js';
import type { WorkloadReport } from './workload-report.js';

/** Workload 1 divided by the baseline: below 1 means slower (or costlier, for the last two) than bare Temporal. */
export interface BaselineComparison {
  completions_per_s: number;
  submissions_per_s: number;
  server_cpu_per_task: number | null;
  events_per_task: number | null;
}

/**
 * Workload 3 divided by the hop baseline: how many times bare Temporal's hop (or cost per workflow) the scheduler's
 * is; above 1 means slower or costlier.
 */
export interface HopBaselineComparison {
  hop_p50: number | null;
  hop_p99: number | null;
  server_cpu_per_task: number | null;
  events_per_task: number | null;
}

/** Everything one run writes to bench-results/<timestamp>.json and bench-results/latest.json. */
export interface RunReport {
  started_at: string;
  finished_at: string;
  commit: string;
  options: BenchOptions;
  machine: { cpus: number; node: string; load_average_at_start: number[]; load_average_at_end: number[] };
  temporal: { address: string; embedded: boolean; server_args: string[] | null };
  workloads: WorkloadReport[];
  baseline: WorkloadReport | null;
  workload1_vs_baseline: BaselineComparison | null;
  hop_baseline: WorkloadReport | null;
  workload3_vs_hop_baseline: HopBaselineComparison | null;
}

const ratio = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a === null || a === undefined || b === null || b === undefined || b === 0 ? null : a / b;

export function compareWithBaseline(
  workloads: readonly WorkloadReport[],
  baseline: WorkloadReport | null,
): BaselineComparison | null {
  const w1 = workloads.find((w) => w.label.startsWith('1 '));
  if (!w1 || !baseline) return null;
  return {
    completions_per_s: w1.completions_per_s / baseline.completions_per_s,
    submissions_per_s: w1.submit.per_s / baseline.submit.per_s,
    server_cpu_per_task: ratio(
      w1.processes.server.cpu_ms_per_task,
      baseline.processes.server.cpu_ms_per_task,
    ),
    events_per_task: ratio(w1.history_events_per_task.mean, baseline.history_events_per_task.mean),
  };
}

export function compareWithHopBaseline(
  workloads: readonly WorkloadReport[],
  hopBaseline: WorkloadReport | null,
): HopBaselineComparison | null {
  const w3 = workloads.find((w) => w.label.startsWith('3 '));
  if (!w3 || !hopBaseline) return null;
  return {
    hop_p50: ratio(w3.hop_latency_ms?.p50, hopBaseline.hop_latency_ms?.p50),
    hop_p99: ratio(w3.hop_latency_ms?.p99, hopBaseline.hop_latency_ms?.p99),
    server_cpu_per_task: ratio(
      w3.processes.server.cpu_ms_per_task,
      hopBaseline.processes.server.cpu_ms_per_task,
    ),
    events_per_task: ratio(w3.history_events_per_task.mean, hopBaseline.history_events_per_task.mean),
  };
}

export function buildRunReport(run: {
  startedAt: Date;
  loadAverageAtStart: number[];
  options: BenchOptions;
  server: TemporalServer;
  workloads: WorkloadReport[];
  baseline: WorkloadReport | null;
  hopBaseline: WorkloadReport | null;
}): RunReport {
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
    temporal: {
      address: run.server.address,
      embedded: run.server.args !== null,
      server_args: run.server.args,
    },
    workloads: run.workloads,
    baseline: run.baseline,
    workload1_vs_baseline: compareWithBaseline(run.workloads, run.baseline),
    hop_baseline: run.hopBaseline,
    workload3_vs_hop_baseline: compareWithHopBaseline(run.workloads, run.hopBaseline),
  };
}
