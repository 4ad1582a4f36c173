import { parseArgs } from 'node:util';

/** Workload numbers as `--only` takes them. */
export const WORKLOAD_NUMBERS = [1, 2, 3, 4, 5] as const;
export type WorkloadNumber = (typeof WORKLOAD_NUMBERS)[number];

export interface WorkloadSizes {
  independent: number;
  timed: number;
  chain: number;
  fanout: number;
  dag: number;
}

export interface BenchOptions {
  quick: boolean;
  only: WorkloadNumber[];
  sizes: WorkloadSizes;
  /** MAX_CONCURRENT_TASKS of every workload but 2 (which is defined at 50) and of the baseline worker. */
  cap: number;
  /** Submissions in flight at once, for the API load generator and the baseline starter alike. */
  inFlight: number;
  /** Submissions per second of the HTTP load; 0 = as fast as `inFlight` allows. */
  rate: number;
  seed: number;
  baseline: boolean;
  keepData: boolean;
  /** Extra flags for the embedded server, appended last: measures a server setting against the default. */
  serverArgs: string[];
  /** Where reports (and the run's data folder) go; the test suite's smoke run uses a temporary folder. */
  resultsDir: string | undefined;
}

/** Sized so the default run takes a few minutes on a 2-core machine and --quick under a minute. */
const DEFAULT_SIZES: WorkloadSizes = { independent: 2000, timed: 500, chain: 100, fanout: 500, dag: 2000 };
const QUICK_SIZES: WorkloadSizes = { independent: 200, timed: 100, chain: 20, fanout: 50, dag: 200 };

export const USAGE = `Usage: npm run bench -- [flags]
  --quick                 small sizes: the whole run takes about a minute on 2 cores
  --only=1,3              run only these workloads (1 independent, 2 timed, 3 chain, 4 fan-out/in, 5 DAG)
  --size-independent=N    workload 1 task count            (default 2000, quick 200)
  --size-timed=N          workload 2 task count (1 s each) (default 500, quick 100)
  --size-chain=N          workload 3 chain length          (default 100, quick 20)
  --size-fanout=N         workload 4 fan-out width         (default 500, quick 50)
  --size-dag=N            workload 5 task count            (default 2000, quick 200)
  --cap=N                 MAX_CONCURRENT_TASKS for workloads 1, 3, 4, 5 and the baseline (default 50;
                          workload 2 always uses 50)
  --in-flight=N           submissions in flight at once    (default 64)
  --rate=N                at most N submissions per second (default: unlimited); below the server's
                          throughput it measures a steady state instead of a backlog
  --seed=N                seed of the random DAG           (default 1)
  --skip-baseline         do not run the raw-Temporal baselines (throughput after workload 1, hops after 3)
  --keep-data             keep the run's Temporal database under bench-results/data-*/
  --results-dir=PATH      write reports and data there instead of bench-results/
  --server-arg=FLAG       append FLAG to the embedded server's command line (repeatable), e.g.
                          --server-arg=--sqlite-pragma --server-arg=journal_mode=delete
Environment: TEMPORAL_ADDRESS=host:port reuses a running server instead of embedding one.`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      quick: { type: 'boolean' },
      only: { type: 'string' },
      'size-independent': { type: 'string' },
      'size-timed': { type: 'string' },
      'size-chain': { type: 'string' },
      'size-fanout': { type: 'string' },
      'size-dag': { type: 'string' },
      cap: { type: 'string' },
      'in-flight': { type: 'string' },
      rate: { type: 'string' },
      seed: { type: 'string' },
      'skip-baseline': { type: 'boolean' },
      'keep-data': { type: 'boolean' },
      'results-dir': { type: 'string' },
      'server-arg': { type: 'string', multiple: true },
    },
  });
  if (values.help) return 'help';
  const quick = values.quick ?? false;
  const defaults = quick ? QUICK_SIZES : DEFAULT_SIZES;
  return {
    quick,
    only: parseOnly(values.only),
    sizes: {
      independent: positiveInt('size-independent', values['size-independent'], defaults.independent),
      timed: positiveInt('size-timed', values['size-timed'], defaults.timed),
      chain: positiveInt('size-chain', values['size-chain'], defaults.chain),
      fanout: positiveInt('size-fanout', values['size-fanout'], defaults.fanout),
      dag: positiveInt('size-dag', values['size-dag'], defaults.dag),
    },
    cap: positiveInt('cap', values.cap, 50),
    inFlight: positiveInt('in-flight', values['in-flight'], 64),
    rate: values.rate === undefined ? 0 : positiveInt('rate', values.rate, 0),
    seed: positiveInt('seed', values.seed, 1),
    baseline: !(values['skip-baseline'] ?? false),
    keepData: values['keep-data'] ?? false,
    resultsDir: values['results-dir'],
    serverArgs: values['server-arg'] ?? [],
  };
}

function parseOnly(raw: string | undefined): WorkloadNumber[] {
  if (raw === undefined) return [...WORKLOAD_NUMBERS];
  const picked = raw.split(',').map((part) => Number(part.trim()));
  const unknown = picked.filter((n) => !(WORKLOAD_NUMBERS as readonly number[]).includes(n));
  if (picked.length === 0 || unknown.length > 0) throw new UsageError(`--only=${raw}: expected numbers 1-5`);
  return WORKLOAD_NUMBERS.filter((n) => picked.includes(n));
}

function positiveInt(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`--${flag}=${raw}: expected a positive integer`);
  return value;
}
