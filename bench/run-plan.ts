import type { SchedulerProcesses } from '../test/harness/scheduler-processes.js';
import type { BenchContext } from './bench-context.js';
import { startBaselineWorker } from './baseline/baseline-worker-process.js';
import { runBaseline } from './baseline/run-baseline.js';
import { runHopBaseline } from './baseline/run-hop-baseline.js';
import { runWorkload } from './run-workload.js';
import type { WorkloadReport } from './workload-report.js';
import type { Workload } from './workloads/catalog.js';

export interface PlanReports {
  workloads: WorkloadReport[];
  baseline: WorkloadReport | null;
  hopBaseline: WorkloadReport | null;
}

/**
 * Runs the workloads in order, each on the scheduler of its cap, and each baseline right after its workload (same
 * size, same server, as similar a state of its database as possible): throughput after workload 1, dependency
 * hops after workload 3.
 */
export async function runPlan(
  ctx: BenchContext,
  planned: Workload[],
  schedulerOf: (cap: number) => SchedulerProcesses,
  withBaselines: boolean,
): Promise<PlanReports> {
  const workload1 = planned.find((w) => w.number === 1);
  const workload3 = planned.find((w) => w.number === 3);
  // The workloads run in order, so the last one with a baseline is the baseline worker's last use.
  const lastWithBaseline = withBaselines ? (workload3 ?? workload1) : undefined;
  // It bundles its workflows at start-up (seconds of CPU): started before the first measurement, it idles.
  const baselineWorker = lastWithBaseline ? await startBaselineWorker(ctx, lastWithBaseline.cap) : undefined;
  const reports: PlanReports = { workloads: [], baseline: null, hopBaseline: null };
  try {
    for (const workload of planned) {
      reports.workloads.push(await runWorkload(ctx, schedulerOf(workload.cap), workload));
      if (!baselineWorker) continue;
      if (workload === workload1)
        reports.baseline = await runBaseline(ctx, baselineWorker, workload.tasks.length);
      if (workload === workload3)
        reports.hopBaseline = await runHopBaseline(ctx, baselineWorker, workload.tasks.length);
      if (workload === lastWithBaseline) await baselineWorker.process.stop();
    }
  } finally {
    await baselineWorker?.process.stop();
  }
  return reports;
}
