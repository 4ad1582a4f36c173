import type { Task } from '../src/shared/task-definition.js';
import { type Percentiles, percentiles } from './percentiles.js';

export interface TaskTimings {
  /** Last completed_at minus first created_at. */
  makespan_ms: number;
  /** Tasks per second end to end: task count / makespan. */
  completions_per_s: number;
  /**
   * Dependents only: started_at minus the moment the task became runnable, i.e. the later of the max completed_at
   * of its dependencies and its own created_at. Without the created_at clamp a dependent submitted after its
   * dependencies had finished would measure the load generator's pace, not the scheduler.
   */
  hop_latency_ms: Percentiles & {
    /** Dependents that really waited (created before their last dependency completed): woken by a signal. */
    signalled: number;
  };
  /** Every task: started_at minus the moment it became runnable (for independent tasks: minus created_at). */
  start_latency_ms: Percentiles;
  /** Tasks that are not COMPLETED (failed, or missing timestamps). */
  not_completed: number;
  /**
   * Tasks that took more than one attempt. No workload here fails on purpose, so each one is a spurious retry,
   * e.g. an attempt that missed its heartbeat timeout on an overloaded machine: wasted work worth watching.
   */
  retried: number;
}

export function taskTimings(tasks: readonly Task[]): TaskTimings {
  const ms = (iso: string | null) => (iso === null ? Number.NaN : Date.parse(iso));
  const completedAt = new Map(tasks.map((t) => [t.id, ms(t.completed_at)]));
  const hops: number[] = [];
  const starts: number[] = [];
  let signalled = 0;
  for (const task of tasks) {
    const created = ms(task.created_at);
    const started = ms(task.started_at);
    const depsDone = Math.max(...task.dependencies.map((id) => completedAt.get(id) ?? Number.NaN));
    const runnable = task.dependencies.length === 0 ? created : Math.max(created, depsDone);
    if (Number.isNaN(started) || Number.isNaN(runnable)) continue;
    starts.push(started - runnable);
    if (task.dependencies.length > 0) {
      hops.push(started - runnable);
      if (depsDone > created) signalled++;
    }
  }
  const firstCreated = Math.min(...tasks.map((t) => ms(t.created_at)));
  const lastCompleted = Math.max(...tasks.map((t) => ms(t.completed_at)));
  const makespan = lastCompleted - firstCreated;
  return {
    makespan_ms: makespan,
    completions_per_s: (tasks.length * 1000) / makespan,
    hop_latency_ms: { ...percentiles(hops), signalled },
    start_latency_ms: percentiles(starts),
    not_completed: tasks.filter((t) => t.status !== 'COMPLETED').length,
    retried: tasks.filter((t) => t.attempts > 1).length,
  };
}
