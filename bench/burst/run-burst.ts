import { type SchedulerProcesses, startSchedulerProcesses } from '../../test/harness/scheduler-processes.js';
import type { BenchContext } from '../bench-context.js';
import { type BenchOptions, SERVICE_MAX_IN_FLIGHT } from '../options/bench-options.js';
import { measureWorkload } from '../run-workload.js';
import { type GroupSettings, schedulerGroup } from '../scheduler-group.js';
import type { Workload } from '../workloads/catalog.js';
import { independentTasks } from '../workloads/independent.js';
import { BURST_GOAL, type BurstReport, type BurstRun } from './burst-report.js';
import { completionWindows } from './completion-windows.js';
import { type QueueSample, watchQueued } from './queue-watch.js';

type GroupBase = Omit<GroupSettings, 'label' | 'env'>;

/**
 * Workload 6, overload: an unpaced calibration run (unless --burst-rate), a paced phase at that rate to measure
 * what the engine sustains, then, per admission limit, a burst of --size-burst tasks offered at --burst-offered
 * times the paced max by clients that retry 429 and 503 after Retry-After plus jitter until every task is accepted.
 * Each phase has a scheduler of its own, started just before it: the paced phases with admission off (they must
 * not be throttled), each burst with its APIs' ADMISSION_MAX_QUEUED, --burst-max-rate, --burst-slow-submit-ms and
 * --burst-max-in-flight.
 */
export async function runBurst(
  ctx: BenchContext,
  options: BenchOptions,
  group: GroupBase,
): Promise<BurstReport> {
  const phase = (name: string, size: number, extra: Partial<Workload> = {}): Workload => {
    const type = `bench-${ctx.runId}-w6-${name}`;
    return { number: 6, name, cap: options.cap, type, tasks: independentTasks(type, size, 0), ...extra };
  };
  const pacedAdmission = { maxQueued: 0, maxInFlight: 0, maxRate: 0, slowSubmitMs: 0 };
  const { calibration, paced, pacedRate } = await withGroup(
    ctx,
    group,
    'paced',
    pacedAdmission,
    async (scheduler) => {
      const calibrated =
        options.burst.rate > 0
          ? null
          : (
              await measureWorkload(
                ctx,
                scheduler,
                phase('calibration', options.sizes.burstPaced, { rate: 0 }),
              )
            ).report;
      const rate = options.burst.rate > 0 ? options.burst.rate : calibrated!.completions_per_s;
      const pacedPhase = phase('paced', options.sizes.burstPaced, { rate });
      return {
        calibration: calibrated,
        paced: (await measureWorkload(ctx, scheduler, pacedPhase)).report,
        pacedRate: rate,
      };
    },
  );
  const pacedMax = Math.max(paced.completions_per_s, calibration?.completions_per_s ?? 0);
  const runs: BurstRun[] = [];
  const { maxInFlight } = options.burst;
  for (const rateSetting of options.burst.maxRate) {
    const maxRate = rateSetting === 'paced' ? Math.max(1, Math.round(pacedMax / group.apis)) : rateSetting;
    for (const slowSubmitMs of options.burst.slowSubmitMs) {
      for (const limit of options.burst.maxQueued) {
        const admission = { maxQueued: limit, maxInFlight, maxRate, slowSubmitMs };
        const name = burstName(admission);
        runs.push(
          await withGroup(ctx, group, name, admission, async (scheduler) => {
            const burst = phase(name, options.sizes.burst, burstLoad(options, pacedMax));
            const watch = watchQueued(scheduler.api.url, ctx.apiToken);
            const measured = await measureWorkload(ctx, scheduler, burst, watch.attach).finally(() =>
              watch.stop(),
            );
            return burstRun(admission, burst.tasks.length, measured, pacedMax, await watch.stop());
          }),
        );
      }
    }
  }
  return { calibration, paced_rate: pacedRate, paced, paced_max_per_s: pacedMax, runs };
}

/**
 * The burst's clients: with --burst-offered, first attempts at that multiple of the paced max whatever the
 * answers (open loop: one client per task, so refused clients waiting to retry never slow the arrivals); with 0,
 * --burst-in-flight clients as fast as they are answered (closed loop: arrivals slow down as answers do).
 */
function burstLoad(options: BenchOptions, pacedMax: number): Partial<Workload> {
  const { offered, inFlight } = options.burst;
  if (offered === 0) return { rate: 0, inFlight };
  return { rate: offered * pacedMax, inFlight: options.sizes.burst };
}

type Measured = Awaited<ReturnType<typeof measureWorkload>>;
type Admission = { maxQueued: number; maxInFlight: number; maxRate: number; slowSubmitMs: number };

function burstName({ maxQueued, maxInFlight, maxRate, slowSubmitMs }: Admission): string {
  const inFlight = maxInFlight === SERVICE_MAX_IN_FLIGHT ? '' : `-i${maxInFlight}`;
  const rate = maxRate === 0 ? '' : `-r${maxRate}`;
  const adaptive = slowSubmitMs === 0 ? '' : `-a${slowSubmitMs}`;
  return `${maxQueued === 0 ? 'burst-off' : `burst-q${maxQueued}`}${inFlight}${rate}${adaptive}`;
}

function burstRun(
  admission: Admission,
  planned: number,
  measured: Measured,
  pacedMax: number,
  queue: { samples: QueueSample[]; peak: number | null },
): BurstRun {
  const { report, tasks } = measured;
  const ratio = report.completions_per_s / pacedMax;
  return {
    admission_max_queued: admission.maxQueued,
    admission_max_in_flight: admission.maxInFlight,
    admission_max_rate: admission.maxRate,
    admission_slow_submit_ms: admission.slowSubmitMs,
    tasks: planned,
    accepted: report.submit.latency_ms.count,
    completed: tasks.filter((t) => t.status === 'COMPLETED').length,
    offered_vs_paced: report.submit.offered_per_s / pacedMax,
    completions_vs_paced: ratio,
    goal_met: ratio >= BURST_GOAL,
    completion_windows: completionWindows(tasks),
    peak_queued: queue.peak,
    peak_outstanding: Math.max(0, ...queue.samples.map((q) => q.outstanding ?? 0)),
    queue_samples: queue.samples,
    rejected_429: report.submit.retried_answers['429'] ?? 0,
    report,
  };
}

/** Starts a scheduler with these ADMISSION_MAX_QUEUED, _IN_FLIGHT, _RATE and _SLOW_SUBMIT_MS (0 = off), runs `fn`, stops it. */
async function withGroup<T>(
  ctx: BenchContext,
  base: GroupBase,
  label: string,
  admission: Admission,
  fn: (scheduler: SchedulerProcesses) => Promise<T>,
): Promise<T> {
  const env = {
    ADMISSION_MAX_QUEUED: String(admission.maxQueued),
    ADMISSION_MAX_IN_FLIGHT: String(admission.maxInFlight),
    ADMISSION_MAX_RATE: String(admission.maxRate),
    ADMISSION_SLOW_SUBMIT_MS: String(admission.slowSubmitMs),
  };
  const scheduler = await startSchedulerProcesses({
    ...schedulerGroup({ ...base, label, env }),
    temporalAddress: ctx.target.address,
    pollersClient: ctx.client,
  });
  try {
    return await fn(scheduler);
  } finally {
    await scheduler.stop();
  }
}
