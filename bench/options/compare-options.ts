// `node dist/bench/compare.js BASE.json OTHER.json [--base-run=LABEL] [--other-run=LABEL]`: its arguments.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseWith } from './parse-input.js';
import { UsageError } from './usage-error.js';

export const COMPARE_USAGE = `Usage: node dist/bench/compare.js BASE.json OTHER.json [--base-run=LABEL] [--other-run=LABEL]
  Compares two bench reports workload by workload (OTHER / BASE), e.g. 1 worker against 2, or 1 shard against 16.
  --base-run, --other-run   which target of a report to take (default: its first), e.g. cluster in a --target=both run`;

const compareSchema = z.object({
  base: z.string().min(1),
  other: z.string().min(1),
  'base-run': z.string().min(1).optional(),
  'other-run': z.string().min(1).optional(),
});

export type CompareOptions = z.output<typeof compareSchema>;

export function parseCompareOptions(argv: string[]): CompareOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        'base-run': { type: 'string' },
        'other-run': { type: 'string' },
      },
    });
  } catch (err) {
    if (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
      throw new UsageError(err.message, { cause: err });
    throw err;
  }
  if (parsed.values.help) return 'help';
  if (parsed.positionals.length !== 2) throw new UsageError('expected two report files');
  const [base, other] = parsed.positionals;
  return parseWith(compareSchema, { ...parsed.values, base, other }, ['base', 'other']);
}
