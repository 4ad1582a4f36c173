// `npm run bench:dag`: its flags and environment, parsed by one zod schema (the style of bench-options.ts).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { type Environment, parseWith, positiveInt } from './parse-input.js';
import { UsageError } from './usage-error.js';

export const DAG_FEATURES_USAGE = `Usage: npm run bench:dag -- [flags]
  --size=N       tasks of the random DAG submitted both ways (default 5000)
  --cap=N        MAX_CONCURRENT_TASKS of the DAG part's worker (default 50)
  --in-flight=N  submissions in flight at once when submitting task by task (default 64)
  --backlog=N    priority part: priority-5 tasks queued behind a busy one-slot worker (default 60)
  --urgent=N     priority part: priority-1 tasks submitted after that backlog (default 10)
  --seed=N       seed of the random DAG (default 1)
  --results-dir=PATH  write the JSON report there instead of bench-results/
Environment: TEMPORAL_CLI_PATH (default: the pinned CLI in .tools/).`;

const schema = z.object({
  size: positiveInt.default(5_000),
  cap: positiveInt.default(50),
  'in-flight': positiveInt.default(64),
  backlog: positiveInt.default(60),
  urgent: positiveInt.default(10),
  seed: positiveInt.default(1),
  'results-dir': z.string().min(1).optional(),
  TEMPORAL_CLI_PATH: z.string().min(1).optional(),
});
export type DagFeaturesOptions = z.output<typeof schema>;

export function parseDagFeaturesOptions(
  argv: string[],
  env: Environment = process.env,
): DagFeaturesOptions | 'help' {
  let values: Record<string, unknown>;
  try {
    const options = Object.fromEntries(
      ['size', 'cap', 'in-flight', 'backlog', 'urgent', 'seed', 'results-dir'].map((name) => [
        name,
        { type: 'string' as const },
      ]),
    );
    ({ values } = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean' } } }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return 'help';
  return parseWith(schema, { ...values, TEMPORAL_CLI_PATH: env.TEMPORAL_CLI_PATH });
}
