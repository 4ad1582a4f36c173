// The one error shape of the API, as the validation tests over real HTTP assert it.
import { expect } from 'vitest';
import type { ApiResponse } from './api-client.js';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export const anyMessage: unknown = expect.any(String);

/** Anything that looks like a stack frame or a source location. */
const STACK_TRACE = /\bat .+:\d+:\d+|\.(?:js|ts):\d+|node_modules|Error:/;

/**
 * Asserts the one error shape `{error:{code,message,details?}}` with this status and code, a message matching
 * `message`, and no stack trace anywhere; returns the error for further checks.
 */
export function expectError(res: ApiResponse, status: number, code: string, message?: RegExp | string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = res.body as ErrorBody;
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).filter((k) => !['code', 'message', 'details'].includes(k))).toEqual([]);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  if (message !== undefined) expect(body.error.message).toMatch(message);
  expect(JSON.stringify(body)).not.toMatch(STACK_TRACE);
  return body.error;
}
