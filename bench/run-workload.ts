import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Task } from '../src/shared/task-definition.js';
import type { SchedulerProcesses } from '../test/harness/scheduler-processes.js';
import type { BenchContext } from './bench-context.js';
import { sampleHistoryEvents } from './history-sample.js';
import type { HttpLoadPlan } from './load-generator.js';
import { makespanLowerBound } from './lower-bound.js';
import { type LiveCounts, runMeasuredLoad } from './measured-load.js';
import { submitSummary } from './submit-summary.js';
import { taskTimings } from './task-metrics.js';
import { readSettledTasks } from './task-reader.js';
import { type WorkloadReport, engineCpuMsPerTask } from './workload-report.js';
import type { Workload } from './workloads/catalog.js';

const LOAD_GENERATOR = fileURLToPath(new URL('./load-generator.js', import.meta.url));

/**
 * One workload, on the worker + API pair of its cap (shared with the other workloads of that cap; the previous
 * workload has fully completed, so none inherits another's backlog). Its tasks carry a type of their own, which
 * is how they are read back.
 */
export async function runWorkload(
  ctx: BenchContext,
  scheduler: SchedulerProcesses,
  workload: Workload,
): Promise<WorkloadReport> {
  return (await measureWorkload(ctx, scheduler, workload)).report;
}

/** runWorkload, also returning the tasks as read back. */
export async function measureWorkload(
  ctx: BenchContext,
  scheduler: SchedulerProcesses,
  workload: Workload,
  onCounts?: (counts: LiveCounts) => void,
): Promise<{ report: WorkloadReport; tasks: Task[] }> {
  const startedAt = Date.now();
  const label = `${workload.number} ${workload.name}`;
  const fileLabel = `w${workload.number}-${workload.name}`;
  const inFlight = workload.inFlight ?? ctx.inFlight;
  const plan: HttpLoadPlan = {
    apiUrls: scheduler.apis.map((api) => api.url),
    apiToken: ctx.apiToken,
    type: workload.type,
    tasks: workload.tasks,
    inFlight,
    rate: workload.rate ?? ctx.rate,
  };
  const measured = await runMeasuredLoad({
    label,
    total: workload.tasks.length,
    client: ctx.client,
    script: LOAD_GENERATOR,
    plan,
    logFile: join(ctx.logDir, `${fileLabel}-load.log`),
    target: ctx.target,
    pids: { workers: scheduler.workers.map((w) => w.pid), apis: scheduler.apis.map((a) => a.pid) },
    abortOn: [ctx.target.crashed, scheduler.crashed],
    ...(onCounts ? { onCounts } : {}),
  });
  const { result } = measured.load;
  const tasks = await readSettledTasks(
    scheduler.api.url,
    ctx.apiToken,
    workload.type,
    measured.accepted.length,
  );
  // The raw timestamps stay next to the logs, for questions the summary does not answer (which hops were slow).
  await writeFile(join(ctx.logDir, `${fileLabel}-tasks.json`), JSON.stringify(tasks));
  const timings = taskTimings(tasks);
  // Every worker has `cap` slots.
  const bound = makespanLowerBound(workload.tasks, workload.cap * scheduler.workers.length);
  const report: WorkloadReport = {
    label,
    tasks: tasks.length,
    cap: workload.cap,
    in_flight: inFlight,
    submit: submitSummary(result),
    completions_per_s: timings.completions_per_s,
    failed: timings.not_completed,
    retried: timings.retried,
    makespan_ms: timings.makespan_ms,
    lower_bound: bound,
    makespan_vs_lower_bound: bound.lower_bound_ms > 0 ? timings.makespan_ms / bound.lower_bound_ms : null,
    hop_latency_ms: timings.hop_latency_ms.count > 0 ? timings.hop_latency_ms : null,
    start_latency_ms: timings.start_latency_ms,
    processes: measured.processes,
    engine_cpu_ms_per_task: engineCpuMsPerTask(measured.processes),
    database_activity: measured.database_activity,
    machine: measured.machine,
    history_events_per_task: await sampleHistoryEvents(ctx.client, measured.accepted),
    wall_s: (Date.now() - startedAt) / 1000,
  };
  return { report, tasks };
}
