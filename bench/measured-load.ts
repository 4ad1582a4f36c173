import type { Client } from '@temporalio/client';
import { CompletionWaiter } from './completion-waiter.js';
import { type LoadRun, runLoadProcess } from './load/load-process.js';
import { type Meter, type ProcessUsage, meterProcess, usage } from './process-usage.js';
import { trackProgress } from './progress.js';

export interface MeasuredLoadOptions<P> {
  label: string;
  total: number;
  client: Client;
  /** Compiled load script (bench/load-generator.js or the baseline starter) and its plan. */
  script: string;
  plan: P;
  logFile: string;
  /** The processes whose CPU is measured over the window: the worker always, the server and API when known. */
  pids: { server: number | undefined; worker: number; api: number | undefined };
  /** Crashes of the processes involved: any of them aborts the measurement. */
  abortOn: Promise<never>[];
}

export interface MeasuredLoad {
  load: LoadRun;
  /** Workflow ids in acceptance order. */
  accepted: string[];
  waiter: CompletionWaiter;
  processes: { server: ProcessUsage; worker: ProcessUsage; api: ProcessUsage | null; load: ProcessUsage };
}

/**
 * The measured window of one workload: from the moment the load process starts submitting until the last
 * workflow closed. CPU counters are read at both ends, so process start-up and the read-back are excluded.
 */
export async function runMeasuredLoad<P>(options: MeasuredLoadOptions<P>): Promise<MeasuredLoad> {
  const waiter = new CompletionWaiter(options.client);
  const accepted: string[] = [];
  const progress = trackProgress({
    label: options.label,
    total: options.total,
    submitted: () => accepted.length,
    completed: () => waiter.completed,
  });
  const abortOn = [...options.abortOn, progress.stalled];
  let meters: { server: Meter; worker: Meter; api: Meter } | undefined;
  try {
    const load = await runLoadProcess({
      name: `${options.label} load`,
      script: options.script,
      plan: options.plan,
      logFile: options.logFile,
      abortOn,
      onStart: () => {
        meters = {
          server: meterProcess(options.pids.server),
          worker: meterProcess(options.pids.worker),
          api: meterProcess(options.pids.api),
        };
      },
      onAccepted: (ids) => {
        accepted.push(...ids);
        waiter.add(ids);
      },
    });
    await Promise.race([waiter.all(), ...abortOn]);
    const n = Math.max(1, accepted.length);
    const m = meters!;
    return {
      load,
      accepted,
      waiter,
      processes: {
        server: m.server(n),
        worker: m.worker(n),
        api: options.pids.api === undefined ? null : m.api(n),
        load: usage(load.cpu_s, load.peak_mb, n),
      },
    };
  } finally {
    progress.stop();
  }
}
