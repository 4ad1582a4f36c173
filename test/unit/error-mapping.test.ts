import { describe, expect, it } from 'vitest';
import { toHttpError } from '../../src/api/error-handler.js';
import { DagCycleError } from '../../src/errors/dag-cycle-error.js';
import { DagExistsError } from '../../src/errors/dag-exists-error.js';
import { DagNotFoundError } from '../../src/errors/dag-not-found-error.js';
import { DagTasksExistError } from '../../src/errors/dag-tasks-exist-error.js';
import { InvalidCursorError } from '../../src/errors/invalid-cursor-error.js';
import { RequestValidationError } from '../../src/errors/request-validation-error.js';
import { SelfDependencyError } from '../../src/errors/self-dependency-error.js';
import { TaskExistsError } from '../../src/errors/task-exists-error.js';
import { TaskNotFoundError } from '../../src/errors/task-not-found-error.js';
import { TemporalUnavailableError } from '../../src/errors/temporal-unavailable-error.js';
import { UnknownDependencyError } from '../../src/errors/unknown-dependency-error.js';

describe('toHttpError', () => {
  it('maps RequestValidationError to 400 VALIDATION_ERROR with the problems as details', () => {
    const problems = [{ field: 'id', message: 'must be 1-128 characters' }];
    expect(toHttpError(new RequestValidationError(problems, 'invalid body: id: must be…'))).toEqual({
      status: 400,
      body: { error: { code: 'VALIDATION_ERROR', message: 'invalid body: id: must be…', details: problems } },
    });
  });

  it('maps InvalidCursorError to 400 INVALID_CURSOR', () => {
    const { status, body } = toHttpError(new InvalidCursorError());
    expect(status).toBe(400);
    expect(body.error.code).toBe('INVALID_CURSOR');
    expect(body.error.message).toContain('cursor');
  });

  it('maps TaskNotFoundError to 404 NOT_FOUND naming the id', () => {
    const { status, body } = toHttpError(new TaskNotFoundError('missing-1'));
    expect(status).toBe(404);
    expect(body.error).toEqual({ code: 'NOT_FOUND', message: 'task "missing-1" does not exist' });
  });

  it('maps TaskExistsError to 409 TASK_EXISTS with the differing fields', () => {
    const { status, body } = toHttpError(new TaskExistsError('t1', ['duration_ms', 'type']));
    expect(status).toBe(409);
    expect(body.error.code).toBe('TASK_EXISTS');
    expect(body.error.message).toContain('duration_ms, type');
    expect(body.error.details).toEqual({ differing_fields: ['duration_ms', 'type'] });
  });

  it('maps UnknownDependencyError to 422 UNKNOWN_DEPENDENCY with every missing id', () => {
    const { status, body } = toHttpError(new UnknownDependencyError(['a', 'b']));
    expect(status).toBe(422);
    expect(body.error.code).toBe('UNKNOWN_DEPENDENCY');
    expect(body.error.message).toMatch(/"a".*"b"/);
    expect(body.error.details).toEqual({ missing: ['a', 'b'] });
  });

  it('maps SelfDependencyError to 422 SELF_DEPENDENCY', () => {
    const { status, body } = toHttpError(new SelfDependencyError('loop'));
    expect(status).toBe(422);
    expect(body.error).toEqual({ code: 'SELF_DEPENDENCY', message: 'task "loop" cannot depend on itself' });
  });

  it('maps DagCycleError to 422 CYCLE with the cycle in order', () => {
    const { status, body } = toHttpError(new DagCycleError(['a', 'b', 'a']));
    expect(status).toBe(422);
    expect(body.error).toEqual({
      code: 'CYCLE',
      message: 'the tasks form a cycle: "a" → "b" → "a"',
      details: { cycle: ['a', 'b', 'a'] },
    });
  });

  it('maps DagTasksExistError to 409 TASK_EXISTS naming each task and its differing fields', () => {
    const conflicts = Array.from({ length: 7 }, (_, i) => ({ id: `t${i}`, differing_fields: ['type'] }));
    const { status, body } = toHttpError(new DagTasksExistError(conflicts));
    expect(status).toBe(409);
    expect(body.error.code).toBe('TASK_EXISTS');
    expect(body.error.message).toMatch(/"t0" \(type\).*"t4" \(type\) and 2 more$/);
    expect(body.error.details).toEqual({ conflicts });
  });

  it('maps DagExistsError to 409 DAG_EXISTS and DagNotFoundError to 404 NOT_FOUND', () => {
    expect(toHttpError(new DagExistsError('etl')).body.error).toEqual({
      code: 'DAG_EXISTS',
      message: 'DAG "etl" already exists with other tasks',
      details: { dag_id: 'etl' },
    });
    expect(toHttpError(new DagNotFoundError('etl'))).toMatchObject({
      status: 404,
      body: { error: { code: 'NOT_FOUND' } },
    });
  });

  it('maps TemporalUnavailableError to 503 TEMPORAL_UNAVAILABLE', () => {
    const { status, body } = toHttpError(new TemporalUnavailableError());
    expect(status).toBe(503);
    expect(body.error.code).toBe('TEMPORAL_UNAVAILABLE');
  });

  /** An error as body-parser raises it: an Error with an HTTP status and a `type`. */
  const bodyParserError = (type: string, status: number) =>
    Object.assign(new Error(`body-parser: ${type}`), { type, status, statusCode: status, expose: true });

  it.each([
    ['entity.parse.failed', 400, 400, 'VALIDATION_ERROR'],
    ['entity.too.large', 413, 413, 'PAYLOAD_TOO_LARGE'],
    ['encoding.unsupported', 415, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['charset.unsupported', 415, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['request.aborted', 400, 400, 'BAD_REQUEST'],
    ['request.size.invalid', 400, 400, 'BAD_REQUEST'],
    ['stream.encoding.set', 500, 400, 'BAD_REQUEST'],
    ['stream.not.readable', 500, 400, 'BAD_REQUEST'],
  ])('maps the body-parser error %s to %i → %i %s', (type, raised, status, code) => {
    const mapped = toHttpError(bodyParserError(type, raised));
    expect(mapped.status).toBe(status);
    expect(mapped.body.error.code).toBe(code);
    expect(mapped.body.error.message).toEqual(expect.any(String));
  });

  it('names the limit that a too large body broke', () => {
    const tooLarge = (limit: number) => Object.assign(bodyParserError('entity.too.large', 413), { limit });
    expect(toHttpError(tooLarge(1024 * 1024)).body.error.message).toBe('request body is larger than 1 MB');
    expect(toHttpError(tooLarge(4 * 1024 * 1024)).body.error.message).toBe(
      'request body is larger than 4 MB',
    );
  });

  it('maps any other error to 500 INTERNAL without leaking its message', () => {
    for (const err of [new Error('secret connection string'), 'a string', null, undefined, { foo: 1 }]) {
      expect(toHttpError(err)).toEqual({
        status: 500,
        body: { error: { code: 'INTERNAL', message: 'internal error' } },
      });
    }
  });

  // Express raises client errors of its own that carry a 4xx `status` but no body-parser `type`. They are the
  // client's fault and must not become 500s. These are the exact errors seen in the API log.
  it.each([
    [
      "router's decodeParam, for a path parameter that is not valid percent-encoding",
      Object.assign(new URIError("Failed to decode param '%E0%A4%A'"), { status: 400, statusCode: 400 }),
    ],
    [
      'zlib via body-parser, for a corrupt Content-Encoding: gzip body',
      Object.assign(new Error('incorrect header check'), {
        errno: -3,
        code: 'Z_DATA_ERROR',
        expose: true,
        status: 400,
        statusCode: 400,
      }),
    ],
  ])('keeps the 4xx of a client error raised by %s', (_source, err) => {
    const { status, body } = toHttpError(err);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(body.error.code).not.toBe('INTERNAL');
  });
});
