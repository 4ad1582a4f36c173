import type { BenchContext } from '../bench-context.js';
import { sampleHistoryEvents } from '../history-sample.js';
import { submitSummary } from '../submit-summary.js';
import { type WorkloadReport, engineCpuMsPerTask } from '../workload-report.js';
import type { BaselineWorker } from './baseline-worker-process.js';
import { runBaselineLoad } from './run-baseline-load.js';

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
  const measured = await runBaselineLoad(ctx, worker, {
    label: 'baseline',
    logName: 'baseline-load',
    starts: Array.from({ length: count }, (_, i) => ({
      id: `${worker.taskQueue}-${i}`,
      dependencies: [],
      workflowType: 'baselineWorkflow',
      args: [],
    })),
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
    submit: submitSummary(result),
    completions_per_s: (accepted * 1000) / makespan,
    failed: measured.waiter.failed.length,
    retried: null,
    makespan_ms: makespan,
    lower_bound: null,
    makespan_vs_lower_bound: null,
    hop_latency_ms: null,
    start_latency_ms: null,
    processes: measured.processes,
    engine_cpu_ms_per_task: engineCpuMsPerTask(measured.processes),
    database_activity: measured.database_activity,
    machine: measured.machine,
    history_events_per_task: await sampleHistoryEvents(ctx.client, measured.accepted),
    wall_s: (Date.now() - startedAt) / 1000,
  };
}
