import type { z } from 'zod';
import { RequestValidationError } from '../errors/request-validation-error.js';

/**
 * Problems the message names at most: every problem of a task body (a few fields, at most a handful of bad
 * dependencies) is named; a DAG of 10,000 bad tasks has 10,000, all of them in `details` but not in the message.
 */
const SUMMARISED = 100;

/** Parses one part of a request with its schema, so handlers only ever see validated, typed data. */
export function parseRequest<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'body' | 'query',
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : where,
    message:
      issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
  }));
  const more = problems.length > SUMMARISED ? `; and ${problems.length - SUMMARISED} more` : '';
  const summary =
    problems
      .slice(0, SUMMARISED)
      .map((p) => (p.field === where ? p.message : `${p.field}: ${p.message}`))
      .join('; ') + more;
  throw new RequestValidationError(problems, `invalid ${where}: ${summary}`);
}
