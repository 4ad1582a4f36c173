import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { CLOCK_TICKS } from './proc-stats.js';

/**
 * How busy the whole machine was during a window, and how much of that was not the run's own processes: on a
 * shared machine, the measure of how far other work skewed a workload's figures.
 */
export interface MachineShare {
  window_s: number;
  /** CPU seconds the machine spent busy (all processes, all cores). */
  busy_cpu_s: number;
  /** Of the machine's capacity (window × cores), the fraction used by processes other than the run's. */
  other_share: number;
}

/** Busy CPU seconds of the whole machine so far (/proc/stat: user, nice, system, irq, softirq, steal). */
function busySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS;
}

/** Starts a window; the returned function ends it, given the CPU seconds the run's own processes used. */
export function startMachineWindow(): (ownCpuS: number) => MachineShare {
  const startedAt = performance.now();
  const busyAtStart = busySeconds();
  const benchAtStart = process.cpuUsage();
  return (ownCpuS) => {
    const windowS = (performance.now() - startedAt) / 1000;
    const busy = busySeconds() - busyAtStart;
    const bench = process.cpuUsage(benchAtStart);
    const own = ownCpuS + (bench.user + bench.system) / 1e6; // this process: completion waits, sampling
    return {
      window_s: windowS,
      busy_cpu_s: busy,
      other_share: Math.max(0, busy - own) / (windowS * cpus().length),
    };
  };
}
