import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from '../bench-context.js';
import { sampleHistoryEvents } from '../history-sample.js';
import { runMeasuredLoad } from '../measured-load.js';
import { percentiles } from '../percentiles.js';
import type { WorkloadReport } from '../workload-report.js';
import type { BaselinePlan } from './baseline-starter.js';
import type { BaselineWorker } from './baseline-worker-process.js';

/**
 * The baseline: as many workflows as workload 1, each running one no-op activity, started directly with the
 * Temporal client on the same server with the same in-flight bound and activity slots. Workload 1's throughput
 * divided by this one's is the scheduler's efficiency relative to bare Temporal.
 */
export async function runBaseline(
  ctx: BenchContext,
  worker: BaselineWorker,
  count: number,
): Promise<WorkloadReport> {
  const startedAt = Date.now();
  const plan: BaselinePlan = {
    address: ctx.server.address,
    namespace: ctx.client.options.namespace,
    taskQueue: worker.taskQueue,
    starts: Array.from({ length: count }, (_, i) => ({
      id: `${worker.taskQueue}-${i}`,
      dependencies: [],
      workflowType: 'baselineWorkflow',
      args: [],
    })),
    inFlight: ctx.inFlight,
  };
  const measured = await runMeasuredLoad({
    label: 'baseline',
    total: count,
    client: ctx.client,
    script: fileURLToPath(new URL('./baseline-starter.js', import.meta.url)),
    plan,
    logFile: join(ctx.logDir, 'baseline-load.log'),
    pids: { server: ctx.server.pid, worker: worker.process.pid, api: undefined },
    abortOn: [ctx.server.crashed, worker.process.crashed],
  });
  const { result } = measured.load;
  // Each workflow returns its activity's finish time: the baseline's counterpart of a task's completed_at.
  const finishedAt = [...measured.waiter.results.values()].map((iso) => Date.parse(iso as string));
  const makespan = Math.max(...finishedAt) - result.first_sent_at_ms;
  const accepted = result.latencies_ms.length;
  return {
    label: 'baseline',
    tasks: accepted,
    cap: worker.cap,
    in_flight: ctx.inFlight,
    submit: {
      per_s: (accepted * 1000) / (result.last_answered_at_ms - result.first_sent_at_ms),
      latency_ms: percentiles(result.latencies_ms),
      retries: result.retries,
      errors: result.error_count,
      error_samples: result.errors,
    },
    completions_per_s: (accepted * 1000) / makespan,
    failed: measured.waiter.failed.length,
    retried: null,
    makespan_ms: makespan,
    lower_bound: null,
    makespan_vs_lower_bound: null,
    hop_latency_ms: null,
    start_latency_ms: null,
    processes: measured.processes,
    history_events_per_task: await sampleHistoryEvents(ctx.client, measured.accepted),
    wall_s: (Date.now() - startedAt) / 1000,
  };
}
