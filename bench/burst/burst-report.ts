import type { WorkloadReport } from '../workload-report.js';
import type { CompletionWindows } from './completion-windows.js';
import type { QueueSample } from './queue-watch.js';

/** The goal: completions/s during the burst at least this fraction of the paced maximum. */
export const BURST_GOAL = 0.8;

/** One unpaced burst, against APIs with one admission limit. */
export interface BurstRun {
  /** ADMISSION_MAX_QUEUED of its APIs; 0 = admission control off. */
  admission_max_queued: number;
  /** ADMISSION_MAX_RATE of each of its APIs, in new tasks per second; 0 = off. */
  admission_max_rate: number;
  /** ADMISSION_SLOW_SUBMIT_MS of its APIs (the adaptive rate); 0 = off. */
  admission_slow_submit_ms: number;
  /** ADMISSION_MAX_IN_FLIGHT of its APIs; 0 = off. */
  admission_max_in_flight: number;
  tasks: number;
  accepted: number;
  completed: number;
  /** How fast the clients offered new tasks, divided by the paced maximum (the issue asks for ≥ 3). */
  offered_vs_paced: number;
  /** Completions/s over the burst (tasks / makespan) divided by the paced maximum. */
  completions_vs_paced: number;
  goal_met: boolean;
  completion_windows: CompletionWindows;
  /** Largest QUEUED count /api/stats showed during the burst (what admission control compares with its limit). */
  peak_queued: number | null;
  /** Largest backlog (accepted, not closed) the load itself counted: the real one, without visibility's lag. */
  peak_outstanding: number;
  /** Both, every second. */
  queue_samples: QueueSample[];
  /** 429 OVERLOADED answers the clients got and retried. */
  rejected_429: number;
  report: WorkloadReport;
}

export interface BurstReport {
  /** The unpaced run that sets the paced phase's rate; null when --burst-rate gave it. */
  calibration: WorkloadReport | null;
  /** Submissions per second of the paced phase. */
  paced_rate: number;
  paced: WorkloadReport;
  /**
   * What the bursts are compared with: the higher of the paced phase's and the calibration's completions/s, so
   * that a paced phase set too low cannot flatter the ratio.
   */
  paced_max_per_s: number;
  runs: BurstRun[];
}
