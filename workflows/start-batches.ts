import type { SubmitTaskBody } from '../src/shared/task-definition.js';

/**
 * Splits tasks in topological order into consecutive batches that can be started all at once: no task depends on
 * another of its batch (its dependencies are in earlier batches, earlier chunks, or outside the DAG, so their
 * workflows exist by the time it starts). At most `maxSize` tasks per batch: a batch is what a crash makes the
 * submission redo.
 */
export function startBatches(tasks: readonly SubmitTaskBody[], maxSize: number): SubmitTaskBody[][] {
  const batches: SubmitTaskBody[][] = [];
  let batch: SubmitTaskBody[] = [];
  let ids = new Set<string>();
  for (const task of tasks) {
    if (batch.length === maxSize || task.dependencies.some((id) => ids.has(id))) {
      batches.push(batch);
      batch = [];
      ids = new Set();
    }
    batch.push(task);
    ids.add(task.id);
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
