// What every answer of the API must look like, whatever it was sent: never a 5xx, and every error in the one
// shape of src/api/error-handler.ts. Shared by the property tests of hostile input.
import { expect } from 'vitest';
import { z } from 'zod';
import type { Scheduler } from './scheduler.js';

/** `{"error": {"code", "message", "details"?}}` and nothing else. */
export const errorAnswerSchema = z.strictObject({
  error: z.strictObject({
    code: z.string().regex(/^[A-Z]+(?:_[A-Z]+)*$/, 'a machine-readable UPPER_SNAKE code'),
    message: z.string().min(1),
    details: z.unknown().optional(),
  }),
});
export type ErrorAnswer = z.infer<typeof errorAnswerSchema>['error'];

/** The codes each error status may carry (401 only when API_TOKEN is set, 408/431 from the HTTP parser). */
const CODES_BY_STATUS: Record<number, readonly string[]> = {
  400: ['VALIDATION_ERROR', 'INVALID_CURSOR', 'BAD_REQUEST'],
  401: ['UNAUTHORIZED'],
  404: ['NOT_FOUND'],
  405: ['METHOD_NOT_ALLOWED'],
  408: ['REQUEST_TIMEOUT'],
  409: ['TASK_EXISTS', 'DAG_EXISTS', 'TASK_SETTLED'],
  413: ['PAYLOAD_TOO_LARGE'],
  415: ['UNSUPPORTED_MEDIA_TYPE'],
  422: ['UNKNOWN_DEPENDENCY', 'SELF_DEPENDENCY', 'CYCLE'],
  429: ['OVERLOADED'],
  431: ['HEADERS_TOO_LARGE'],
};

/** Anything that looks like a stack frame, a source location or an internal exception. */
const INTERNALS = /\bat .+:\d+:\d+|\.(?:js|ts):\d+|node_modules|Error:|\bstack\b/;

export interface Answer {
  status: number;
  contentType: string | undefined;
  text: string;
  json: unknown;
}

/**
 * Asserts the API-wide properties of one answer: no 5xx; an error (4xx) carries the error shape with a code that
 * belongs to its status and no internals. Returns the error of a non-2xx answer. `request` names the input in
 * failure messages; a HEAD answer has no body to check.
 */
export function expectWellFormed(answer: Answer, request: string, method = 'GET'): ErrorAnswer | undefined {
  const context = `${request} answered ${answer.status} ${answer.text.slice(0, 500)}`;
  expect(answer.status, context).toBeGreaterThanOrEqual(200);
  expect(answer.status, context).toBeLessThan(500);
  // 304: a conditional GET (If-None-Match) matched the ETag express sets; it has no body by definition.
  if (answer.status < 300 || answer.status === 304) return undefined;
  expect(answer.contentType, context).toMatch(/^application\/json; charset=utf-8$/);
  if (method === 'HEAD') return undefined;
  const parsed = errorAnswerSchema.safeParse(answer.json);
  expect(parsed.error?.issues, context).toBeUndefined();
  const error = parsed.data!.error;
  expect(CODES_BY_STATUS[answer.status], context).toContain(error.code);
  // Unless the input itself looks like that: error messages may quote it.
  if (!INTERNALS.test(request)) expect(answer.text, context).not.toMatch(INTERNALS);
  return error;
}

/** Asserts that the API process is still running and healthy (Temporal reachable, event loop answering). */
export async function expectApiAlive(s: Scheduler): Promise<void> {
  const child = s.apiProcess.process;
  expect({ exitCode: child.exitCode, signal: child.signalCode }).toEqual({ exitCode: null, signal: null });
  const health = await s.api.request('GET', '/health');
  expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
}
