import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from '../bench-context.js';
import { type MeasuredLoad, runMeasuredLoad } from '../measured-load.js';
import type { BaselinePlan, BaselineStart } from './baseline-starter.js';
import type { BaselineWorker } from './baseline-worker-process.js';

/**
 * Starts `starts` directly with the Temporal client from the baseline's load process (same in-flight bound as the
 * API load) and waits for every workflow to close, measuring the server and the baseline worker meanwhile.
 */
export function runBaselineLoad(
  ctx: BenchContext,
  worker: BaselineWorker,
  options: { label: string; logName: string; starts: BaselineStart[] },
): Promise<MeasuredLoad> {
  const plan: BaselinePlan = {
    address: ctx.target.address,
    namespace: ctx.client.options.namespace,
    taskQueue: worker.taskQueue,
    starts: options.starts,
    inFlight: ctx.inFlight,
  };
  return runMeasuredLoad({
    label: options.label,
    total: options.starts.length,
    client: ctx.client,
    script: fileURLToPath(new URL('./baseline-starter.js', import.meta.url)),
    plan,
    logFile: join(ctx.logDir, `${options.logName}.log`),
    target: ctx.target,
    pids: { workers: [worker.process.pid], apis: null },
    abortOn: [ctx.target.crashed, worker.process.crashed],
  });
}
