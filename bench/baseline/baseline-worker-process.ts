import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from '../bench-context.js';
import { type ManagedProcess, forkManaged } from '../../test/harness/managed-process.js';
import { waitForPollers } from '../../test/harness/task-queue-pollers.js';

export interface BaselineWorker {
  process: ManagedProcess;
  taskQueue: string;
  cap: number;
}

/**
 * Forks the baseline worker on a task queue of its own with `cap` activity slots (the scheduler's cap) and
 * resolves once it polls. It bundles its workflow code at start-up (seconds of CPU), so the run starts it before
 * the first measurement, alongside the scheduler processes, and it idles until the baseline runs.
 */
export async function startBaselineWorker(ctx: BenchContext, cap: number): Promise<BaselineWorker> {
  const taskQueue = `bench-${ctx.runId}-baseline`;
  const worker = forkManaged({
    name: 'baseline worker',
    script: fileURLToPath(new URL('./baseline-worker.js', import.meta.url)),
    env: {
      TEMPORAL_ADDRESS: ctx.target.address,
      TEMPORAL_NAMESPACE: ctx.client.options.namespace,
      TEMPORAL_TASK_QUEUE: taskQueue,
      MAX_CONCURRENT_TASKS: String(cap),
    },
    logFile: join(ctx.logDir, 'baseline-worker.log'),
  });
  try {
    await Promise.race([waitForPollers(ctx.client, taskQueue), worker.crashed]);
  } catch (err) {
    await worker.stop();
    throw err;
  }
  return { process: worker, taskQueue, cap };
}
