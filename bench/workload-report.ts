import type { HistoryEvents } from './history-sample.js';
import type { MakespanLowerBound } from './lower-bound.js';
import type { Percentiles } from './percentiles.js';
import type { ProcessUsage } from './process-usage.js';
import type { TaskTimings } from './task-metrics.js';

/** What the run reports for one workload (and, with the API-only fields null, for the baseline). */
export interface WorkloadReport {
  /** e.g. "1 independent", "baseline". */
  label: string;
  tasks: number;
  /** MAX_CONCURRENT_TASKS (activity slots) of the worker. */
  cap: number;
  in_flight: number;
  submit: {
    /** Accepted submissions / (last answer − first request). */
    per_s: number;
    latency_ms: Percentiles;
    retries: number;
    errors: number;
    error_samples: string[];
  };
  /** Tasks / makespan. */
  completions_per_s: number;
  /** Tasks that ended in any state but COMPLETED. */
  failed: number;
  /** Tasks that needed more than one attempt (null for the baseline, whose attempts are not read back). */
  retried: number | null;
  makespan_ms: number;
  lower_bound: MakespanLowerBound | null;
  /** makespan / lower bound; null when the lower bound is 0 (zero-duration work: nothing to compare with). */
  makespan_vs_lower_bound: number | null;
  hop_latency_ms: TaskTimings['hop_latency_ms'] | null;
  start_latency_ms: Percentiles | null;
  processes: {
    server: ProcessUsage;
    worker: ProcessUsage;
    /** null for the baseline, which has no API. */
    api: ProcessUsage | null;
    load: ProcessUsage;
  };
  history_events_per_task: HistoryEvents;
  /** Wall time of the whole workload including start-up and read-back, for planning run lengths. */
  wall_s: number;
}
