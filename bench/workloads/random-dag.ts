import { mulberry32 } from '../prng.js';
import type { BenchTask } from './bench-task.js';

/** Each task draws 0..MAX_DEPENDENCIES dependencies uniformly: an average in-degree of 2. */
const MAX_DEPENDENCIES = 4;
const MAX_DURATION_MS = 200;

/**
 * A seeded random DAG (workload 5): task i depends on up to four distinct tasks chosen uniformly among tasks
 * 0..i-1 (so the list is topologically ordered) and lasts 0-200 ms. Same seed, same graph.
 */
export function randomDagTasks(prefix: string, count: number, seed: number): BenchTask[] {
  const random = mulberry32(seed);
  const tasks: BenchTask[] = [];
  for (let i = 0; i < count; i++) {
    const wanted = Math.min(i, Math.floor(random() * (MAX_DEPENDENCIES + 1)));
    const picked = new Set<number>();
    while (picked.size < wanted) picked.add(Math.floor(random() * i));
    tasks.push({
      id: `${prefix}-${i}`,
      duration_ms: Math.floor(random() * (MAX_DURATION_MS + 1)),
      dependencies: [...picked].sort((a, b) => a - b).map((j) => `${prefix}-${j}`),
    });
  }
  return tasks;
}
