import type { BurstReport } from './burst/burst-report.js';
import type { IdleUsage } from './idle-usage.js';
import type { TargetKind } from './targets/bench-target.js';
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

/** Everything measured on one target (engine) of a run. */
export interface TargetRun {
  target: {
    label: string;
    kind: TargetKind;
    address: string;
    /** From the server itself (GetClusterInfo): 1 on the dev server. */
    history_shards: number | null;
    /** The embedded dev server's command line; null otherwise. */
    server_args: string[] | null;
    /** Processes per scheduler. */
    workers: number;
    apis: number;
  };
  idle: IdleUsage | null;
  workloads: WorkloadReport[];
  baseline: WorkloadReport | null;
  workload1_vs_baseline: BaselineComparison | null;
  hop_baseline: WorkloadReport | null;
  workload3_vs_hop_baseline: HopBaselineComparison | null;
  burst: BurstReport | null;
  wall_s: number;
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
    server_cpu_per_task: ratio(w1.engine_cpu_ms_per_task, baseline.engine_cpu_ms_per_task),
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
    server_cpu_per_task: ratio(w3.engine_cpu_ms_per_task, hopBaseline.engine_cpu_ms_per_task),
    events_per_task: ratio(w3.history_events_per_task.mean, hopBaseline.history_events_per_task.mean),
  };
}

/** Every workload-shaped report of a run, in run order: workloads, baselines, then the burst's phases. */
export function allWorkloadReports(run: TargetRun): WorkloadReport[] {
  const burst = run.burst;
  return [
    ...run.workloads,
    ...[run.baseline, run.hop_baseline].filter((w) => w !== null),
    ...(burst ? [burst.calibration, burst.paced].filter((w) => w !== null) : []),
    ...(burst ? burst.runs.map((r) => r.report) : []),
  ];
}

/** Workloads that failed tasks or submissions, and bursts that did not get every task accepted and completed. */
export function runProblems(run: TargetRun): string[] {
  const failed = allWorkloadReports(run)
    .filter((w) => w.failed + w.submit.errors > 0)
    .map((w) => `${run.target.label}: ${w.label}`);
  const incomplete = (run.burst?.runs ?? [])
    .filter((r) => r.accepted < r.tasks || r.completed < r.tasks)
    .map((r) => `${run.target.label}: ${r.report.label} (${r.completed}/${r.tasks} completed)`);
  return [...failed, ...incomplete];
}
