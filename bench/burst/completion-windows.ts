import type { Task } from '../../src/shared/task-definition.js';

/** Completions are counted in windows of this length from the first submission; a partial last one is dropped. */
export const WINDOW_MS = 10_000;

export interface CompletionWindows {
  window_s: number;
  /** Completions per second in each full window, in order. */
  per_s: number[];
  /** The slowest and the median full window; null when the run was shorter than one window. */
  min_per_s: number | null;
  median_per_s: number | null;
}

/**
 * Completions per second over consecutive windows: a server that degrades under a backlog shows it here (the
 * average over the whole run hides a collapse in the middle).
 */
export function completionWindows(tasks: readonly Task[]): CompletionWindows {
  const created = tasks.map((t) => Date.parse(t.created_at));
  const completed = tasks.flatMap((t) => (t.completed_at === null ? [] : [Date.parse(t.completed_at)]));
  const start = Math.min(...created);
  const end = Math.max(...completed);
  const full = Math.floor((end - start) / WINDOW_MS);
  const counts = Array.from({ length: Math.max(0, full) }, () => 0);
  for (const at of completed) {
    const index = Math.floor((at - start) / WINDOW_MS);
    if (index < full) counts[index]! += 1;
  }
  const perS = counts.map((count) => count / (WINDOW_MS / 1000));
  const sorted = [...perS].sort((a, b) => a - b);
  return {
    window_s: WINDOW_MS / 1000,
    per_s: perS,
    min_per_s: sorted.length === 0 ? null : sorted[0]!,
    median_per_s: sorted.length === 0 ? null : sorted[Math.floor((sorted.length - 1) / 2)]!,
  };
}
