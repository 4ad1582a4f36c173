// The command line and environment of `npm run bench`, parsed once at start-up by one zod schema each (the style
// of src/config/config.ts): the types come from the schemas, and every error names the flag or variable and the
// value it got. Only bench/options/ reads process.env (eslint.config.js).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_HISTORY_SHARDS } from '../../src/cluster/index.js';
import { configSchema } from '../../src/config/config.js';
import { type Environment, parseWith, positiveInt } from './parse-input.js';
import { UsageError } from './usage-error.js';

/** Workload numbers as `--only` takes them; 6 (the overload burst) runs only when named. */
export const WORKLOAD_NUMBERS = [1, 2, 3, 4, 5, 6] as const;
export type WorkloadNumber = (typeof WORKLOAD_NUMBERS)[number];
const DEFAULT_WORKLOADS: readonly WorkloadNumber[] = [1, 2, 3, 4, 5];
export const BURST_WORKLOAD = 6;

/** Sized so the default run takes a few minutes on a 2-core machine and --quick under a minute. */
const DEFAULT_SIZES = {
  independent: 2000,
  timed: 500,
  chain: 100,
  fanout: 500,
  dag: 2000,
  burst: 4000,
  burstPaced: 400,
};
const QUICK_SIZES = {
  independent: 200,
  timed: 100,
  chain: 20,
  fanout: 50,
  dag: 200,
  burst: 300,
  burstPaced: 60,
};

/** The API's own default of ADMISSION_MAX_QUEUED: the burst measures it unless told other limits. */
const SERVICE_MAX_QUEUED: number = configSchema.shape.ADMISSION_MAX_QUEUED.parse(undefined);
export const SERVICE_MAX_IN_FLIGHT: number = configSchema.shape.ADMISSION_MAX_IN_FLIGHT.parse(undefined);

export const TARGETS = ['dev', 'cluster', 'both'] as const;

export const USAGE = `Usage: npm run bench -- [flags]
  --quick                 small sizes: the whole run takes about a minute on 2 cores
  --only=1,3              run only these workloads (1 independent, 2 timed, 3 chain, 4 fan-out/in, 5 DAG,
                          6 overload burst; default 1-5: the burst runs only when named)
  --target=T              dev: the embedded dev server (default); cluster: a fresh local Temporal cluster on
                          PostgreSQL (src/cluster) in a temporary folder; both: the same workloads on dev, then
                          on a cluster, with cluster / dev ratios. TEMPORAL_ADDRESS replaces the cluster (or,
                          with dev, the dev server) by a running server
  --label=NAME            name of the cluster (or TEMPORAL_ADDRESS) target in the report (default: cluster / dev)
  --shards=N              history shards of the fresh cluster (default ${DEFAULT_HISTORY_SHARDS}; fixed at its creation)
  --workers=N             worker processes per scheduler (default 1)
  --apis=N                API processes per scheduler; the load goes round-robin over them (default 1)
  --size-independent=N    workload 1 task count            (default 2000, quick 200)
  --size-timed=N          workload 2 task count (1 s each) (default 500, quick 100)
  --size-chain=N          workload 3 chain length          (default 100, quick 20)
  --size-fanout=N         workload 4 fan-out width         (default 500, quick 50)
  --size-dag=N            workload 5 task count            (default 2000, quick 200)
  --size-burst=N          workload 6: tasks of each burst  (default 4000, quick 300)
  --size-burst-paced=N    workload 6: tasks of its calibration and of its paced phase (default 400, quick 60)
  --burst-rate=N          workload 6: pace of the paced phase (default: the completions/s of an unpaced
                          calibration run just before it)
  --burst-offered=X       workload 6: first attempts per second during the burst, as a multiple of the paced max
                          (default 3.5), from as many clients as tasks, each retrying until accepted; 0 = unpaced,
                          from --burst-in-flight clients that each submit the next task once one is accepted
  --burst-in-flight=N     workload 6 with --burst-offered=0: clients submitting at once (default 256)
  --burst-max-queued=L    workload 6: one burst per ADMISSION_MAX_QUEUED value, 0 = admission off
                          (default ${SERVICE_MAX_QUEUED},0: the API's default, then off)
  --burst-max-rate=L      workload 6: one burst per ADMISSION_MAX_RATE value (per API) and queued limit:
                          whole numbers, or paced = the run's paced max / --apis; 0 = off (default 0)
  --burst-slow-submit-ms=L workload 6: one burst per ADMISSION_SLOW_SUBMIT_MS value (the adaptive rate), crossed
                          with the other limits; 0 = off (default 0)
  --burst-max-in-flight=N workload 6: ADMISSION_MAX_IN_FLIGHT of the bursts' APIs, 0 = off (default ${SERVICE_MAX_IN_FLIGHT})
  --cap=N                 MAX_CONCURRENT_TASKS for workloads 1, 3, 4, 5, 6 and the baseline (default 50;
                          workload 2 always uses 50)
  --in-flight=N           submissions in flight at once    (default 64)
  --rate=N                at most N submissions per second (default: unlimited); below the server's
                          throughput it measures a steady state instead of a backlog
  --seed=N                seed of the random DAG           (default 1)
  --skip-baseline         do not run the raw-Temporal baselines (throughput after workload 1, hops after 3)
  --idle-seconds=N        measure the engine at rest this long before the first workload (default 10; 0: not)
  --keep-data             keep the run's Temporal databases (dev: bench-results/data-*/; cluster: its folder)
  --results-dir=PATH      write reports and data there instead of bench-results/
  --server-arg=FLAG       append FLAG to the embedded dev server's command line (repeatable), e.g.
                          --server-arg=--sqlite-pragma --server-arg=journal_mode=delete
Environment: TEMPORAL_ADDRESS=host:port uses a running server instead of starting one (see --target);
  TEMPORAL_NAMESPACE (default "default"); TEMPORAL_CLI_PATH (default: the pinned CLI in .tools/).`;

const workloadList = z.string().transform((raw, ctx) => {
  const picked = raw.split(',').map((part) => Number(part.trim()));
  if (picked.some((n) => !(WORKLOAD_NUMBERS as readonly number[]).includes(n))) {
    ctx.addIssue({ code: 'custom', message: 'expected numbers 1-6' });
    return z.NEVER;
  }
  return WORKLOAD_NUMBERS.filter((n) => picked.includes(n));
});

/** Distinct whole numbers ≥ 0, comma-separated, in the order given. */
const limitList = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'expected whole numbers separated by commas')
  .transform((raw) => [...new Set(raw.split(',').map(Number))]);

/**
 * ADMISSION_MAX_RATE values for the bursts: whole numbers (per API) or `paced` (the run's paced maximum divided
 * by the number of APIs: what an operator who measured the deployment would set), comma-separated.
 */
const rateList = z
  .string()
  .regex(/^(\d+|paced)(,(\d+|paced))*$/, 'expected whole numbers or "paced", separated by commas')
  .transform((raw) => [...new Set(raw.split(','))].map((part) => (part === 'paced' ? part : Number(part))));

/** The flags of `npm run bench` (as node:util's parseArgs returns them) to the options the report records. */
const flagsSchema = z
  .object({
    quick: z.boolean().default(false),
    only: workloadList.optional(),
    target: z.enum(TARGETS).default('dev'),
    label: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'expected letters, digits, dots, dashes or underscores')
      .optional(),
    shards: positiveInt.optional(),
    workers: positiveInt.default(1),
    apis: positiveInt.default(1),
    'size-independent': positiveInt.optional(),
    'size-timed': positiveInt.optional(),
    'size-chain': positiveInt.optional(),
    'size-fanout': positiveInt.optional(),
    'size-dag': positiveInt.optional(),
    'size-burst': positiveInt.optional(),
    'size-burst-paced': positiveInt.optional(),
    'burst-rate': positiveInt.optional(),
    'burst-offered': z
      .string()
      .regex(/^\d+(\.\d+)?$/, 'expected a number such as 3.5')
      .transform(Number)
      .default(3.5),
    'burst-in-flight': positiveInt.default(256),
    'burst-max-queued': limitList.default([SERVICE_MAX_QUEUED, 0]),
    'burst-max-rate': rateList.default([0]),
    'burst-slow-submit-ms': limitList.default([0]),
    'burst-max-in-flight': z
      .string()
      .regex(/^\d+$/, 'expected a whole number')
      .transform(Number)
      .default(SERVICE_MAX_IN_FLIGHT),
    /** MAX_CONCURRENT_TASKS of every workload but 2 (which is defined at 50) and of the baseline worker. */
    cap: positiveInt.default(50),
    /** Submissions in flight at once, for the API load generator and the baseline starter alike. */
    'in-flight': positiveInt.default(64),
    /** Submissions per second of the HTTP load. @defaultValue 0: as fast as `in-flight` allows */
    rate: positiveInt.optional(),
    seed: positiveInt.default(1),
    'skip-baseline': z.boolean().default(false),
    'idle-seconds': z.string().regex(/^\d+$/, 'expected a whole number').transform(Number).default(10),
    'keep-data': z.boolean().default(false),
    /** Where reports (and the run's data folder) go; the test suite's smoke run uses a temporary folder. */
    'results-dir': z.string().min(1).optional(),
    /** Extra flags for the embedded server, appended last: measures a server setting against the default. */
    'server-arg': z.array(z.string()).default([]),
  })
  .strict()
  .transform((flags) => {
    const defaults = flags.quick ? QUICK_SIZES : DEFAULT_SIZES;
    return {
      quick: flags.quick,
      only: flags.only ?? [...DEFAULT_WORKLOADS],
      target: flags.target,
      label: flags.label,
      shards: flags.shards ?? DEFAULT_HISTORY_SHARDS,
      workers: flags.workers,
      apis: flags.apis,
      sizes: {
        independent: flags['size-independent'] ?? defaults.independent,
        timed: flags['size-timed'] ?? defaults.timed,
        chain: flags['size-chain'] ?? defaults.chain,
        fanout: flags['size-fanout'] ?? defaults.fanout,
        dag: flags['size-dag'] ?? defaults.dag,
        burst: flags['size-burst'] ?? defaults.burst,
        burstPaced: flags['size-burst-paced'] ?? defaults.burstPaced,
      },
      burst: {
        /** 0: calibrate first. */
        rate: flags['burst-rate'] ?? 0,
        offered: flags['burst-offered'],
        inFlight: flags['burst-in-flight'],
        maxQueued: flags['burst-max-queued'],
        maxRate: flags['burst-max-rate'],
        slowSubmitMs: flags['burst-slow-submit-ms'],
        maxInFlight: flags['burst-max-in-flight'],
      },
      cap: flags.cap,
      inFlight: flags['in-flight'],
      rate: flags.rate ?? 0,
      seed: flags.seed,
      baseline: !flags['skip-baseline'],
      idleSeconds: flags['idle-seconds'],
      keepData: flags['keep-data'],
      resultsDir: flags['results-dir'],
      serverArgs: flags['server-arg'],
    };
  });

export type BenchOptions = z.output<typeof flagsSchema>;
export type WorkloadSizes = BenchOptions['sizes'];
export type BenchTargetName = BenchOptions['target'];

/** The variables of the service's own schema that the run reads: which server, namespace and CLI. */
const environmentSchema = configSchema.pick({
  TEMPORAL_ADDRESS: true,
  TEMPORAL_NAMESPACE: true,
  TEMPORAL_CLI_PATH: true,
});

export type BenchEnvironment = z.output<typeof environmentSchema>;

/** `npm run bench`: its flags and environment, or 'help'. */
export function parseBenchOptions(
  argv: string[],
  env: Environment = process.env,
): { options: BenchOptions; environment: BenchEnvironment } | 'help' {
  const { help, ...flags } = parseFlags(argv);
  if (help) return 'help';
  return { options: parseWith(flagsSchema, flags), environment: parseWith(environmentSchema, env) };
}

const STRING_FLAGS = [
  'only',
  'target',
  'label',
  'shards',
  'workers',
  'apis',
  'size-independent',
  'size-timed',
  'size-chain',
  'size-fanout',
  'size-dag',
  'size-burst',
  'size-burst-paced',
  'burst-rate',
  'burst-offered',
  'burst-in-flight',
  'burst-max-queued',
  'burst-max-rate',
  'burst-slow-submit-ms',
  'burst-max-in-flight',
  'cap',
  'in-flight',
  'rate',
  'seed',
  'idle-seconds',
  'results-dir',
] as const;

function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        quick: { type: 'boolean' },
        'skip-baseline': { type: 'boolean' },
        'keep-data': { type: 'boolean' },
        'server-arg': { type: 'string', multiple: true },
        ...Object.fromEntries(STRING_FLAGS.map((name) => [name, { type: 'string' } as const])),
      },
    }).values;
  } catch (err) {
    // Unknown or malformed flags: parseArgs throws a TypeError with an ERR_PARSE_ARGS_* code.
    if (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
      throw new UsageError(err.message, { cause: err });
    throw err;
  }
}
