import type { BenchTask } from './workloads/bench-task.js';

export interface MakespanLowerBound {
  /** Longest chain of durations through the DAG: no schedule finishes sooner. */
  critical_path_ms: number;
  /** Sum of all durations. */
  total_work_ms: number;
  /** Tasks that can run at once (the worker's MAX_CONCURRENT_TASKS). */
  capacity: number;
  /** max(critical path, total work / capacity): the best any scheduler could do with zero overhead. */
  lower_bound_ms: number;
}

/** Lower bound of the makespan of `tasks` (topologically ordered) on `capacity` slots. */
export function makespanLowerBound(tasks: readonly BenchTask[], capacity: number): MakespanLowerBound {
  const finish = new Map<string, number>();
  let criticalPath = 0;
  let totalWork = 0;
  for (const task of tasks) {
    const start = Math.max(0, ...task.dependencies.map((id) => finish.get(id) ?? 0));
    const end = start + task.duration_ms;
    finish.set(task.id, end);
    criticalPath = Math.max(criticalPath, end);
    totalWork += task.duration_ms;
  }
  return {
    critical_path_ms: criticalPath,
    total_work_ms: totalWork,
    capacity,
    lower_bound_ms: Math.max(criticalPath, totalWork / capacity),
  };
}
