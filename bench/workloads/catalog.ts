import { BURST_WORKLOAD, type BenchOptions, type WorkloadNumber } from '../options/bench-options.js';
import type { BenchTask } from './bench-task.js';
import { chainTasks } from './chain.js';
import { fanOutFanInTasks } from './fan-out-fan-in.js';
import { independentTasks } from './independent.js';
import { randomDagTasks } from './random-dag.js';

/** Workload 2 is defined by the issue as 1-second tasks on 50 slots, whatever --cap says. */
const TIMED_CAP = 50;
const TIMED_DURATION_MS = 1_000;

export interface Workload {
  number: WorkloadNumber;
  name: string;
  /** MAX_CONCURRENT_TASKS of this workload's worker. */
  cap: number;
  /** Unique per run and workload, so `GET /api/tasks?type=` reads back exactly this workload's tasks. */
  type: string;
  tasks: BenchTask[];
  /** Submissions per second, and clients at once, when they differ from the run's --rate and --in-flight. */
  rate?: number;
  inFlight?: number;
}

/** The selected workloads with their tasks (the burst, workload 6, has its own runner: bench/burst/); ids and types carry the run id so runs never collide on a server. */
export function buildWorkloads(options: BenchOptions, runId: string): Workload[] {
  const { sizes, cap } = options;
  const define = (
    number: WorkloadNumber,
    name: string,
    workloadCap: number,
    build: (p: string) => BenchTask[],
  ) => {
    const type = `bench-${runId}-w${number}`;
    return { number, name, cap: workloadCap, type, tasks: build(type) };
  };
  const all: Record<Exclude<WorkloadNumber, typeof BURST_WORKLOAD>, () => Workload> = {
    1: () => define(1, 'independent', cap, (p) => independentTasks(p, sizes.independent, 0)),
    2: () => define(2, 'timed-1s', TIMED_CAP, (p) => independentTasks(p, sizes.timed, TIMED_DURATION_MS)),
    3: () => define(3, 'chain', cap, (p) => chainTasks(p, sizes.chain)),
    4: () => define(4, 'fan-out-in', cap, (p) => fanOutFanInTasks(p, sizes.fanout)),
    5: () => define(5, 'random-dag', cap, (p) => randomDagTasks(p, sizes.dag, options.seed)),
  };
  return options.only.flatMap((n) => (n === BURST_WORKLOAD ? [] : [all[n]()]));
}
