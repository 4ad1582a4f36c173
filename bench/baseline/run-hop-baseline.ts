import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchContext } from '../bench-context.js';
import { sampleHistoryEvents } from '../history-sample.js';
import { percentiles } from '../percentiles.js';
import { submitSummary } from '../submit-summary.js';
import { type WorkloadReport, engineCpuMsPerTask } from '../workload-report.js';
import type { BaselineWorker } from './baseline-worker-process.js';
import { runBaselineLoad } from './run-baseline-load.js';
import { hopChainStarts, hopChainTimings } from './hop-chain.js';
import type { HopTimes } from './hop-messages.js';

/**
 * The hop baseline: a chain as long as workload 3's in bare Temporal, on the baseline worker (same server, same
 * activity slots, same eager activity dispatch). Each link waits for a signal, runs one no-op activity and
 * signals the next link from workflow code. Every link is started up front, as workload 3 submits every task
 * first, so a hop is only "A finished, tell B, B starts its work". Workload 3's hop latency divided by this one's
 * is what the scheduler adds to Temporal's own round trips.
 */
export async function runHopBaseline(
  ctx: BenchContext,
  worker: BaselineWorker,
  length: number,
): Promise<WorkloadReport> {
  const startedAt = Date.now();
  const ids = Array.from({ length }, (_, k) => `${worker.taskQueue}-hop-${k}`);
  const measured = await runBaselineLoad(ctx, worker, {
    label: 'hop baseline',
    logName: 'hop-baseline-load',
    starts: hopChainStarts(ids),
  });
  const { result } = measured.load;
  const links = ids.map((id) => measured.waiter.results.get(id) as HopTimes | undefined);
  // The raw timestamps stay next to the logs, like workload 3's tasks, to compare slow hops one by one.
  await writeFile(join(ctx.logDir, 'hop-baseline-links.json'), JSON.stringify(links));
  const timings = hopChainTimings(links);
  const accepted = result.latencies_ms.length;
  const acceptedIds = new Set(measured.accepted);
  return {
    label: 'hop baseline',
    tasks: accepted,
    cap: worker.cap,
    in_flight: ctx.inFlight,
    submit: submitSummary(result),
    completions_per_s: (accepted * 1000) / timings.makespan_ms,
    failed: measured.waiter.failed.length,
    retried: null,
    makespan_ms: timings.makespan_ms,
    lower_bound: null,
    makespan_vs_lower_bound: null,
    // Every link but the first was started before the first, so each hop was woken by its signal.
    hop_latency_ms:
      timings.hops_ms.length > 0
        ? { ...percentiles(timings.hops_ms), signalled: timings.hops_ms.length }
        : null,
    start_latency_ms: null,
    processes: measured.processes,
    engine_cpu_ms_per_task: engineCpuMsPerTask(measured.processes),
    database_activity: measured.database_activity,
    machine: measured.machine,
    // In chain order, so the sample spans the first link (no wait), middle links and the last (no signal).
    history_events_per_task: await sampleHistoryEvents(
      ctx.client,
      ids.filter((id) => acceptedIds.has(id)),
    ),
    wall_s: (Date.now() - startedAt) / 1000,
  };
}
