import type { Task } from '../../src/shared/task-definition.js';

/** Most tasks running at one instant, from their [started_at, completed_at] intervals. */
export function maxOverlap(tasks: Pick<Task, 'started_at' | 'completed_at'>[]): number {
  const events = tasks.flatMap((t) => [
    { at: Date.parse(t.started_at!), delta: +1 },
    { at: Date.parse(t.completed_at!), delta: -1 },
  ]);
  // At equal instants a finish frees its slot before the next start takes it.
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let running = 0;
  let max = 0;
  for (const e of events) max = Math.max(max, (running += e.delta));
  return max;
}
