import type { z } from 'zod';
import { RequestValidationError } from '../errors/request-validation-error.js';

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
  const summary = problems
    .map((p) => (p.field === where ? p.message : `${p.field}: ${p.message}`))
    .join('; ');
  throw new RequestValidationError(problems, `invalid ${where}: ${summary}`);
}
