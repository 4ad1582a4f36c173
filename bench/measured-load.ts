import type { Client } from '@temporalio/client';
import { CompletionWaiter } from './completion-waiter.js';
import { type LoadRun, runLoadProcess } from './load/load-process.js';
import {
  type EngineKind,
  type Meter,
  type ProcessUsage,
  meterEngine,
  meterGroup,
  usage,
} from './process-usage.js';
import { type MachineShare, startMachineWindow } from './machine-cpu.js';
import { trackProgress } from './progress.js';
import type { BenchTarget } from './targets/bench-target.js';
import {
  type DatabaseActivity,
  type DatabaseCounters,
  databaseActivity,
} from './targets/postgres-counters.js';

export interface MeasuredLoadOptions<P> {
  label: string;
  total: number;
  client: Client;
  /** Compiled load script (bench/load-generator.js or the baseline starter) and its plan. */
  script: string;
  plan: P;
  logFile: string;
  /** The engine: its processes (when ours to see) and its database are measured over the window. */
  target: BenchTarget;
  /** The worker processes; the API processes (none for the baselines). */
  pids: { workers: number[]; apis: number[] | null };
  /** Crashes of the processes involved: any of them aborts the measurement. */
  abortOn: Promise<never>[];
  /** Receives the live counts once the window opens (the burst samples them next to the API's view). */
  onCounts?: (counts: LiveCounts) => void;
}

/** Tasks accepted and closed so far, as this process sees them: exact and without visibility's lag. */
export interface LiveCounts {
  accepted(): number;
  completed(): number;
}

/** CPU and memory of every process kind over one window; database null without a PostgreSQL of ours. */
export interface WindowProcesses {
  /** The Temporal server (all of it: frontend, history, matching, worker services). */
  server: ProcessUsage;
  /** PostgreSQL, every process of it; null on the dev server (SQLite inside the server process). */
  database: ProcessUsage | null;
  /** All worker processes together. */
  worker: ProcessUsage;
  /** All API processes together; null for the baselines. */
  api: ProcessUsage | null;
  load: ProcessUsage;
}

export interface MeasuredLoad {
  load: LoadRun;
  /** Workflow ids in acceptance order. */
  accepted: string[];
  waiter: CompletionWaiter;
  processes: WindowProcesses;
  database_activity: DatabaseActivity | null;
  machine: MachineShare;
}

/**
 * The measured window of one workload: from the moment the load process starts submitting until the last
 * workflow closed. CPU and database counters are read at both ends, so process start-up and the read-back are
 * excluded.
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
  const { target } = options;
  let meters: { engine: Meter<EngineKind>; worker: Meter; api: Meter } | undefined;
  let databaseAtStart: DatabaseCounters | undefined;
  let machine: ((ownCpuS: number) => MachineShare) | undefined;
  try {
    const load = await runLoadProcess({
      name: `${options.label} load`,
      script: options.script,
      plan: options.plan,
      logFile: options.logFile,
      abortOn,
      onStart: async () => {
        databaseAtStart = await target.readDatabase?.();
        const { workers, apis } = options.pids;
        meters = {
          engine: meterEngine(target.enginePids),
          worker: meterGroup(() => workers),
          api: meterGroup(apis === null ? null : () => apis),
        };
        machine = startMachineWindow();
        options.onCounts?.({ accepted: () => accepted.length, completed: () => waiter.completed });
      },
      onAccepted: (ids) => {
        accepted.push(...ids);
        waiter.add(ids);
      },
    });
    await Promise.race([waiter.all(), ...abortOn]);
    const n = Math.max(1, accepted.length);
    const m = meters!;
    const engine = m.engine(n);
    const processes: WindowProcesses = {
      server: engine.server,
      database: target.readDatabase === null ? null : engine.database,
      worker: m.worker(n).all,
      api: options.pids.apis === null ? null : m.api(n).all,
      load: usage(load.cpu_s, load.peak_mb, n),
    };
    const { server, database, worker, api } = processes;
    const own = [server, database, worker, api, processes.load].reduce((sum, p) => sum + (p?.cpu_s ?? 0), 0);
    const share = machine!(own);
    const databaseAtEnd = await target.readDatabase?.();
    return {
      load,
      accepted,
      waiter,
      processes,
      machine: share,
      database_activity:
        databaseAtStart && databaseAtEnd ? databaseActivity(databaseAtStart, databaseAtEnd, n) : null,
    };
  } finally {
    progress.stop();
  }
}
