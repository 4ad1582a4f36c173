// What the benchmark's option schemas share: how a number is written and how a bad input is reported.
import { z } from 'zod';
import { UsageError } from './usage-error.js';

/** A whole number of at least 1, written plainly (no blanks, exponents or hex). */
export const positiveInt = z
  .string()
  .regex(/^\d+$/, 'expected a positive integer')
  .transform(Number)
  .pipe(z.number().min(1, 'expected a positive integer'));

/** Environment variables, as process.env holds them. */
export type Environment = Record<string, string | undefined>;

/** Values that must never be printed, not even when they are invalid. */
const SECRETS: ReadonlySet<string> = new Set(['API_TOKEN']);

/**
 * How a bad input is named in an error: `NAME="value"` for a variable, `name=value` for a positional argument,
 * `--name=value` for a flag.
 */
function shown(name: string, value: unknown, positional: readonly string[]): string {
  if (SECRETS.has(name) && typeof value === 'string') return `${name}=<secret of ${value.length} characters>`;
  if (/^[A-Z_]+$/.test(name)) return `${name}=${JSON.stringify(value)}`;
  return `${positional.includes(name) ? '' : '--'}${name}=${String(value)}`;
}

/** Parses `raw` with `schema`, or throws one UsageError naming every bad input and its value. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  raw: Record<string, unknown>,
  positional: readonly string[] = [],
): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return `${shown(name, raw[name], positional)}: ${issue.message}`;
  });
  throw new UsageError(problems.join('\n'));
}
