import type { Client } from '@temporalio/client';

/** Enough tasks to see the per-task event count (it varies only with dependencies and retries). */
const SAMPLE_SIZE = 20;

export interface HistoryEvents {
  sample: number;
  mean: number | null;
  min: number | null;
  max: number | null;
}

/**
 * Temporal history events per task, from `describe().historyLength` of ~20 workflows spread evenly over the
 * workload. Every event is a write to the server's (serialised) store, so this is the cost driver to watch.
 */
export async function sampleHistoryEvents(
  client: Client,
  workflowIds: readonly string[],
): Promise<HistoryEvents> {
  // Evenly spaced indices from the first to the last task: fan-in's sink and the DAG's deep tasks are included.
  const count = Math.min(SAMPLE_SIZE, workflowIds.length);
  const indices = new Set(
    Array.from({ length: count }, (_, i) =>
      Math.round((i * (workflowIds.length - 1)) / Math.max(1, count - 1)),
    ),
  );
  const sample = [...indices].map((i) => workflowIds[i]!);
  const lengths = await Promise.all(
    sample.map(async (id) => (await client.workflow.getHandle(id).describe()).historyLength),
  );
  if (lengths.length === 0) return { sample: 0, mean: null, min: null, max: null };
  return {
    sample: lengths.length,
    mean: lengths.reduce((a, b) => a + b, 0) / lengths.length,
    min: Math.min(...lengths),
    max: Math.max(...lengths),
  };
}
