import type { HistoryEvents } from './history-sample.js';
import type { MachineShare } from './machine-cpu.js';
import type { MakespanLowerBound } from './lower-bound.js';
import type { WindowProcesses } from './measured-load.js';
import type { Percentiles } from './percentiles.js';
import type { TaskTimings } from './task-metrics.js';
import type { DatabaseActivity } from './targets/postgres-counters.js';

/** What the run reports for one workload (and, with the API-only fields null, for the baseline). */
export interface WorkloadReport {
  /** e.g. "1 independent", "baseline". */
  label: string;
  tasks: number;
  /** MAX_CONCURRENT_TASKS (activity slots) of each worker. */
  cap: number;
  in_flight: number;
  submit: {
    /** Accepted submissions / (last answer − first request). */
    per_s: number;
    /** First attempts / (last first attempt − first request): how fast the clients offered new tasks. */
    offered_per_s: number;
    /** First attempt to acceptance, retries and their waits included. */
    latency_ms: Percentiles;
    /** The accepted request alone. */
    accepted_request_ms: Percentiles;
    attempts: number;
    retries: number;
    /** Retried answers by kind: "429" (admission control), "503", "network", ... */
    retried_answers: Record<string, number>;
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
  processes: WindowProcesses;
  /** Temporal server + PostgreSQL CPU ms per task (the dev server alone on dev); null when not ours to see. */
  engine_cpu_ms_per_task: number | null;
  /** What the cluster's PostgreSQL did per task; null on the dev server and a running server. */
  database_activity: DatabaseActivity | null;
  /**
   * The machine during the measured window: how much of its CPU went to processes other than the run's (other
   * work on a shared machine skews every figure; near 0 means the figures are the run's alone).
   */
  machine: MachineShare;
  history_events_per_task: HistoryEvents;
  /** Wall time of the whole workload including start-up and read-back, for planning run lengths. */
  wall_s: number;
}

/** Temporal server + database CPU per task, from a window's processes. */
export function engineCpuMsPerTask(processes: WindowProcesses): number | null {
  const server = processes.server.cpu_ms_per_task;
  if (server === null) return null;
  return server + (processes.database?.cpu_ms_per_task ?? 0);
}
