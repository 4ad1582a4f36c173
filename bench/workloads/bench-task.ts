/**
 * One task as a workload defines it; the load generator adds the workload's `type` when it submits it. Every
 * workload lists its tasks in a topological order (dependencies before dependents), which the load generator and
 * the critical-path computation both rely on.
 */
export interface BenchTask {
  id: string;
  duration_ms: number;
  dependencies: string[];
}
