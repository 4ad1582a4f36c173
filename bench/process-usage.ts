import { ProcessGroupMeter, type GroupReading } from './process-group-meter.js';
import type { ProcSample } from './proc-stats.js';

export interface ProcessUsage {
  /** CPU seconds used during the measured window, null when the processes are not ours to see. */
  cpu_s: number | null;
  cpu_ms_per_task: number | null;
  /**
   * Peak resident memory in MB: since start (VmHWM) for the Node and Temporal processes; PostgreSQL's, sampled
   * every second, counts its shared buffers once.
   */
  peak_mb: number | null;
}

/** The engine's processes by kind: the Temporal server (or dev server) and, on a cluster, PostgreSQL. */
export type EngineKind = 'server' | 'database';

export const engineKindOf = (sample: ProcSample): EngineKind =>
  sample.comm === 'postgres' ? 'database' : 'server';

/**
 * Starts measuring a group of processes now; the returned function ends the window and divides by the task
 * count. A per-task figure is what compares across workloads of different sizes. `pids` null: not ours to see.
 */
export type Meter<K extends string = 'all'> = (taskCount: number) => Record<K, ProcessUsage>;

export function meterGroup(pids: (() => number[]) | null): Meter {
  const read = startReading(pids);
  return (taskCount) => ({ all: fromReading(read(), 'all', taskCount) });
}

export function meterEngine(pids: (() => number[]) | null): Meter<EngineKind> {
  const read = startReading(pids, engineKindOf);
  return (taskCount) => {
    const reading = read();
    return {
      server: fromReading(reading, 'server', taskCount),
      database: fromReading(reading, 'database', taskCount),
    };
  };
}

function startReading(
  pids: (() => number[]) | null,
  kindOf?: (sample: ProcSample) => string,
): () => GroupReading | null {
  if (pids === null) return () => null;
  const meter = new ProcessGroupMeter(pids, kindOf);
  return () => meter.stop();
}

function fromReading(reading: GroupReading | null, kind: string, taskCount: number): ProcessUsage {
  if (reading === null) return usage(null, null, taskCount);
  return usage(reading.cpuSByKind.get(kind) ?? 0, reading.peakMbByKind.get(kind) ?? null, taskCount);
}

export function usage(cpuS: number | null, peakMb: number | null, taskCount: number): ProcessUsage {
  return { cpu_s: cpuS, cpu_ms_per_task: cpuS === null ? null : (cpuS * 1000) / taskCount, peak_mb: peakMb };
}
