import { type TargetRun, allWorkloadReports } from './target-run.js';
import type { WorkloadReport } from './workload-report.js';

/** One figure on both targets and `other / base`. */
export interface MetricPair {
  base: number | null;
  other: number | null;
  ratio: number | null;
}

export interface WorkloadComparison {
  label: string;
  completions_per_s: MetricPair;
  submissions_per_s: MetricPair;
  hop_p50_ms: MetricPair;
  hop_p99_ms: MetricPair;
  /** Temporal + PostgreSQL on a cluster, the dev server alone on dev. */
  engine_cpu_ms_per_task: MetricPair;
  /** PostgreSQL alone (base null on dev). */
  database_cpu_ms_per_task: MetricPair;
  worker_cpu_ms_per_task: MetricPair;
  api_cpu_ms_per_task: MetricPair;
  events_per_task: MetricPair;
}

/** `other` against `base` (cluster against dev in `--target=both`), workload by workload. */
export interface TargetComparison {
  base: string;
  other: string;
  /** Present on both targets, in the base's order. */
  workloads: WorkloadComparison[];
}

export function pair(base: number | null | undefined, other: number | null | undefined): MetricPair {
  const b = base ?? null;
  const o = other ?? null;
  const finite = (v: number | null): v is number => v !== null && Number.isFinite(v);
  return { base: b, other: o, ratio: finite(b) && finite(o) && b !== 0 ? o / b : null };
}

export function compareWorkloads(base: WorkloadReport, other: WorkloadReport): WorkloadComparison {
  const p = (get: (w: WorkloadReport) => number | null | undefined) => pair(get(base), get(other));
  return {
    label: base.label,
    completions_per_s: p((w) => w.completions_per_s),
    submissions_per_s: p((w) => w.submit.per_s),
    hop_p50_ms: p((w) => w.hop_latency_ms?.p50),
    hop_p99_ms: p((w) => w.hop_latency_ms?.p99),
    engine_cpu_ms_per_task: p((w) => w.engine_cpu_ms_per_task),
    database_cpu_ms_per_task: p((w) => w.processes.database?.cpu_ms_per_task),
    worker_cpu_ms_per_task: p((w) => w.processes.worker.cpu_ms_per_task),
    api_cpu_ms_per_task: p((w) => w.processes.api?.cpu_ms_per_task),
    events_per_task: p((w) => w.history_events_per_task.mean),
  };
}

export function compareTargets(base: TargetRun, other: TargetRun): TargetComparison {
  const others = new Map(allWorkloadReports(other).map((w) => [w.label, w]));
  return {
    base: base.target.label,
    other: other.target.label,
    workloads: allWorkloadReports(base).flatMap((w) => {
      const match = others.get(w.label);
      return match ? [compareWorkloads(w, match)] : [];
    }),
  };
}
