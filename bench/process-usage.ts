import { cpuSeconds, peakMemoryMb } from './proc-stats.js';

export interface ProcessUsage {
  /** CPU seconds used during the measured window, null when the process is not ours to see. */
  cpu_s: number | null;
  cpu_ms_per_task: number | null;
  /** Peak resident memory since the process started (VmHWM), in MB. */
  peak_mb: number | null;
}

/**
 * Starts measuring a process now; the returned function ends the window and divides by the task count. A
 * per-task figure is what compares across workloads of different sizes.
 */
export type Meter = (taskCount: number) => ProcessUsage;

export function meterProcess(pid: number | undefined): Meter {
  const before = cpuSeconds(pid);
  return (taskCount) => {
    const after = cpuSeconds(pid);
    const cpu = before === null || after === null ? null : after - before;
    return usage(cpu, peakMemoryMb(pid), taskCount);
  };
}

export function usage(cpuS: number | null, peakMb: number | null, taskCount: number): ProcessUsage {
  return { cpu_s: cpuS, cpu_ms_per_task: cpuS === null ? null : (cpuS * 1000) / taskCount, peak_mb: peakMb };
}
