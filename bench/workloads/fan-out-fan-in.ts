import type { BenchTask } from './bench-task.js';

/**
 * One root, `width` tasks depending on it, and one sink depending on all of them (workload 4): the root notifies
 * `width` dependents and the sink subscribes to `width` dependencies, the two wide signal paths.
 */
export function fanOutFanInTasks(prefix: string, width: number): BenchTask[] {
  const root = `${prefix}-root`;
  const middle = Array.from({ length: width }, (_, i) => ({
    id: `${prefix}-${i}`,
    duration_ms: 0,
    dependencies: [root],
  }));
  return [
    { id: root, duration_ms: 0, dependencies: [] },
    ...middle,
    { id: `${prefix}-sink`, duration_ms: 0, dependencies: middle.map((t) => t.id) },
  ];
}
