import type { BenchTask } from './bench-task.js';

/** `count` tasks without dependencies, each lasting `durationMs` (workloads 1 and 2). */
export function independentTasks(prefix: string, count: number, durationMs: number): BenchTask[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`,
    duration_ms: durationMs,
    dependencies: [],
  }));
}
