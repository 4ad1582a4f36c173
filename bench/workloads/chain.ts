import type { BenchTask } from './bench-task.js';

/**
 * A chain of `length` zero-duration tasks, each depending on the previous one: the makespan is almost entirely
 * dependency hops, so it measures the per-hop latency of the signal path (workload 3).
 */
export function chainTasks(prefix: string, length: number): BenchTask[] {
  return Array.from({ length }, (_, i) => ({
    id: `${prefix}-${i}`,
    duration_ms: 0,
    dependencies: i === 0 ? [] : [`${prefix}-${i - 1}`],
  }));
}
