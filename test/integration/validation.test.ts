// Every way a request can be rejected, over real HTTP against a real API process, and idempotent resubmission.
import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse, TaskInput } from '../helpers/api-client.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('validation');
});
afterAll(() => s?.stop());

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const anyMessage: unknown = expect.any(String);

/** Anything that looks like a stack frame or a source location. */
const STACK_TRACE = /\bat .+:\d+:\d+|\.(?:js|ts):\d+|node_modules|Error:/;

/**
 * Asserts the one error shape `{error:{code,message,details?}}` with this status and code, a message matching
 * `message`, and no stack trace anywhere; returns the error for further checks.
 */
function expectError(res: ApiResponse, status: number, code: string, message?: RegExp | string) {
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

/** POSTs a raw body to /api/tasks with the given headers. */
const postRaw = (body: string | Uint8Array, headers: Record<string, string> = {}) =>
  s.api.request<ErrorBody>('POST', '/api/tasks', { headers, body });

const postJson = (body: unknown) => s.api.postJson<ErrorBody>('/api/tasks', body);

/** A request whose path is sent byte for byte: fetch would resolve `..` and `.` segments before sending. */
function rawGet(path: string): Promise<ApiResponse> {
  const url = new URL(s.api.baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
        try {
          resolve({
            status: res.statusCode ?? 0,
            headers,
            body: text ? (JSON.parse(text) as unknown) : null,
          });
        } catch {
          reject(new Error(`GET ${path} answered ${res.statusCode} with a body that is not JSON: ${text}`));
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Submits a task that must be created. */
async function created(task: TaskInput) {
  const res = await s.api.submit(task);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function expectNotCreated(id: string) {
  expectError(await s.api.get(id), 404, 'NOT_FOUND', id);
}

describe('malformed and invalid bodies: 400 VALIDATION_ERROR', () => {
  it('rejects a body that is not valid JSON', async () => {
    const res = await postRaw('{"id": "x", ', { 'content-type': 'application/json' });
    expectError(res, 400, 'VALIDATION_ERROR', /not valid JSON/);
  });

  it('rejects a JSON value that is not an object', async () => {
    expectError(await postRaw('"task"', { 'content-type': 'application/json' }), 400, 'VALIDATION_ERROR');
    const error = expectError(await postJson([]), 400, 'VALIDATION_ERROR', /body/);
    expect(error.details).toEqual([{ field: 'body', message: anyMessage }]);
  });

  it('rejects an empty body', async () => {
    const res = await postRaw('', { 'content-type': 'application/json' });
    expectError(res, 400, 'VALIDATION_ERROR', /body/);
  });

  it('names every missing required field', async () => {
    const error = expectError(await postJson({}), 400, 'VALIDATION_ERROR');
    const fields = (error.details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(['duration_ms', 'id', 'type']);
    for (const field of fields) expect(error.message).toContain(field);
  });

  it('names every invalid field, with a message for each', async () => {
    const error = expectError(
      await postJson({
        id: 'has/slash',
        type: 'a:b',
        duration_ms: 1.5,
        dependencies: ['x', 'x'],
        max_attempts: 0,
        fail_attempts: -1,
      }),
      400,
      'VALIDATION_ERROR',
    );
    const details = error.details as { field: string; message: string }[];
    expect(details.map((d) => d.field).sort()).toEqual([
      'dependencies',
      'duration_ms',
      'fail_attempts',
      'id',
      'max_attempts',
      'type',
    ]);
    for (const d of details) expect(d.message.length).toBeGreaterThan(0);
    expect(details.find((d) => d.field === 'dependencies')?.message).toMatch(/duplicate/);
    expect(details.find((d) => d.field === 'id')?.message).toMatch(/128/);
  });

  it.each([
    ['id', { id: 'a'.repeat(129) }],
    ['id', { id: 'tâche' }],
    ['type', { type: 'T'.repeat(65) }],
    ['duration_ms', { duration_ms: 86_400_001 }],
    ['duration_ms', { duration_ms: '10' }],
    ['max_attempts', { max_attempts: 101 }],
    ['dependencies.0', { dependencies: ['bad id'] }],
  ])('rejects an invalid %s: %j', async (field, override) => {
    const res = await postJson({ id: s.id('bad'), type: 'T', duration_ms: 0, ...override });
    const error = expectError(res, 400, 'VALIDATION_ERROR');
    expect(error.details).toEqual([{ field, message: anyMessage }]);
    expect(error.message).toContain(field);
  });

  it('rejects 1001 dependencies', async () => {
    const dependencies = Array.from({ length: 1001 }, (_, i) => `d-${i}`);
    const error = expectError(
      await s.api.submit({ id: s.id('many'), dependencies }),
      400,
      'VALIDATION_ERROR',
    );
    expect(error.details).toEqual([
      { field: 'dependencies', message: 'Too big: expected array to have <=1000 items' },
    ]);
  });

  it('rejects unknown fields, naming them', async () => {
    const id = s.id('unknown-field');
    const error = expectError(
      await postJson({ id, type: 'T', duration_ms: 0, priority: 5, durationMs: 1 }),
      400,
      'VALIDATION_ERROR',
      /priority/,
    );
    expect(error.message).toContain('durationMs');
    expect(error.details).toEqual([{ field: 'body', message: 'unknown field(s): priority, durationMs' }]);
    await expectNotCreated(id);
  });
});

describe('content type and size', () => {
  const validBody = () => JSON.stringify({ id: s.id('ct'), type: 'T', duration_ms: 0 });

  it('rejects text/plain with 415', async () => {
    const res = await postRaw(validBody(), { 'content-type': 'text/plain' });
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', /application\/json.*text\/plain/);
  });

  it('rejects a body without a content type with 415', async () => {
    // A byte body makes fetch send no Content-Type at all.
    const res = await postRaw(new TextEncoder().encode(validBody()));
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', /application\/json.*null/);
  });

  it('rejects a form body with 415', async () => {
    const res = await postRaw('id=x&type=T', { 'content-type': 'application/x-www-form-urlencoded' });
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('rejects JSON in an unsupported charset with 415', async () => {
    const res = await postRaw(validBody(), { 'content-type': 'application/json; charset=latin1' });
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', /charset/i);
  });

  it('accepts application/json with a utf-8 charset', async () => {
    const res = await postRaw(validBody(), { 'content-type': 'application/json; charset=utf-8' });
    expect(res.status).toBe(201);
  });

  it('rejects a body over 1 MB with 413', async () => {
    const id = s.id('huge');
    const body = JSON.stringify({ id, type: 'T', duration_ms: 0, padding: 'x'.repeat(1024 * 1024) });
    const res = await postRaw(body, { 'content-type': 'application/json' });
    expectError(res, 413, 'PAYLOAD_TOO_LARGE', /1 MB/);
    await expectNotCreated(id);
  });

  it('rejects a corrupt gzip body as the client error it is, not a 500', async () => {
    const res = await postRaw('this is not gzip', {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
  });

  it('accepts a valid gzip body', async () => {
    const res = await postRaw(gzipSync(validBody()), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(res.status).toBe(201);
  });
});

describe('dependencies that cannot be satisfied: 422', () => {
  it('names every unknown dependency and does not create the task', async () => {
    const known = s.id('known');
    await created({ id: known });
    const [missingA, missingB] = [s.id('missing-a'), s.id('missing-b')];
    const id = s.id('orphan');
    const res = await s.api.submit({ id, dependencies: [missingA, known, missingB] });
    const error = expectError(res, 422, 'UNKNOWN_DEPENDENCY');
    expect(error.message).toContain(missingA);
    expect(error.message).toContain(missingB);
    expect(error.message).not.toContain(known);
    expect(error.details).toEqual({ missing: [missingA, missingB] });
    await expectNotCreated(id);
  });

  it('rejects a task that depends on itself and does not create it', async () => {
    const id = s.id('narcissus');
    const error = expectError(
      await s.api.submit({ id, dependencies: [id] }),
      422,
      'SELF_DEPENDENCY',
      /itself/,
    );
    expect(error.message).toContain(id);
    await expectNotCreated(id);
  });
});

describe('not found: 404', () => {
  it('answers NOT_FOUND naming an unknown id', async () => {
    const id = s.id('never-submitted');
    expectError(await s.api.get(id), 404, 'NOT_FOUND', id);
  });

  it.each([
    ['an encoded slash', '/api/tasks/a%2Fb', 'a/b'],
    ['an encoded slash and dots', '/api/tasks/..%2F..%2Fetc', '../../etc'],
    ['two dots', '/api/tasks/..', '..'],
    ['one dot', '/api/tasks/.', '.'],
    ['dots inside', '/api/tasks/a..b', 'a..b'],
    ['encoded dots', '/api/tasks/%2E%2E', '..'],
    ['unicode', '/api/tasks/t%C3%A2che', 'tâche'],
    ['an emoji', '/api/tasks/%F0%9F%98%80', '😀'],
    ['an encoded space', '/api/tasks/a%20b', 'a b'],
    ['an id of 129 characters', `/api/tasks/${'a'.repeat(129)}`, 'a'.repeat(129)],
  ])('answers NOT_FOUND for an id with %s', async (_label, path, id) => {
    const error = expectError(await rawGet(path), 404, 'NOT_FOUND');
    expect(error.message).toContain(JSON.stringify(id));
  });

  it('answers a path parameter that is not valid percent-encoding with a 4xx, not a 500', async () => {
    const res = await rawGet('/api/tasks/%E0%A4%A');
    expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
  });

  it('finds a task whose id contains a colon when the id is percent-encoded', async () => {
    const id = s.id('ns:job');
    const res = await s.api.submit({ id });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/tasks/${encodeURIComponent(id)}`);
    expect((await s.api.get(id)).body.id).toBe(id);
  });

  it.each([
    ['GET', '/api/nothing'],
    ['GET', '/'],
    ['GET', '/api/tasks/a/b'],
  ])('answers NOT_FOUND for the unknown route %s %s', async (method, path) => {
    expectError(await s.api.request(method, path), 404, 'NOT_FOUND', `${method} ${path}`);
  });

  it.each([
    ['DELETE', '/api/tasks/x', 'GET, HEAD, OPTIONS'],
    ['PUT', '/api/tasks', 'GET, POST, HEAD, OPTIONS'],
    ['POST', '/api/stats', 'GET, HEAD, OPTIONS'],
    ['PATCH', '/health', 'GET, HEAD, OPTIONS'],
  ])('answers METHOD_NOT_ALLOWED for %s %s, with the methods it allows', async (method, path, allow) => {
    const res = await s.api.request(method, path);
    expectError(res, 405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}`);
    expect(res.headers.get('allow')).toBe(allow);
    const options = await s.api.request('OPTIONS', path);
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe(allow);
  });
});

describe('list parameters: 400', () => {
  it.each([
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=-5', 'limit'],
    ['limit=1&limit=2', 'limit'],
    ['status=DONE', 'status'],
    ['status=completed', 'status'],
    ['type=a:b', 'type'],
    ['page=2', 'page'],
    ['cursor=not%20base64!', 'cursor'],
    ['cursor=', 'cursor'],
  ])('rejects ?%s as VALIDATION_ERROR naming %s', async (query, name) => {
    const error = expectError(await s.api.request('GET', `/api/tasks?${query}`), 400, 'VALIDATION_ERROR');
    expect(error.message).toContain(name);
  });

  it('rejects a well-formed cursor this API never returned as INVALID_CURSOR', async () => {
    const res = await s.api.list({ cursor: Buffer.from('not a real page token').toString('base64url') });
    expectError(res, 400, 'INVALID_CURSOR', /cursor/);
  });

  it('accepts the limit boundaries', async () => {
    for (const limit of [1, 1000]) {
      const res = await s.api.list({ limit });
      expect(res.status).toBe(200);
      expect(res.body.tasks.length).toBeLessThanOrEqual(limit);
    }
  });
});

describe('idempotent submission', () => {
  it('answers the same body again with 200 and the same task', async () => {
    const id = s.id('twice');
    const first = await created({ id, duration_ms: 5, max_attempts: 2 });
    const again = await s.api.submit({ id, duration_ms: 5, max_attempts: 2 });
    expect(again.status).toBe(200);
    expect(again.headers.get('location')).toBe(`/api/tasks/${id}`);
    expect(again.body).toMatchObject({
      id,
      type: first.type,
      duration_ms: 5,
      max_attempts: 2,
      created_at: first.created_at,
    });
  });

  it('treats omitted fields as their defaults', async () => {
    const id = s.id('defaults');
    const first = await created({ id });
    const explicit = await s.api.submit({ id, dependencies: [], max_attempts: 3, fail_attempts: 0 });
    expect(explicit.status).toBe(200);
    expect(explicit.body.created_at).toBe(first.created_at);
  });

  it('answers 200 for a task that has already completed, with its final state', async () => {
    const id = s.id('done');
    const first = await created({ id });
    await s.settled(id);
    const again = await s.api.submit({ id });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id, status: 'COMPLETED', attempts: 1, created_at: first.created_at });
  });

  it.each([
    ['duration_ms', { duration_ms: 6 }],
    ['type', { type: 'OTHER' }],
    ['max_attempts', { max_attempts: 4 }],
    ['fail_attempts', { fail_attempts: 1 }],
  ])('rejects a different %s with 409 TASK_EXISTS naming it', async (field, change) => {
    const id = s.id('conflict');
    const original = { id, duration_ms: 5 };
    await created(original);
    const error = expectError(await s.api.submit({ ...original, ...change }), 409, 'TASK_EXISTS', field);
    expect(error.message).toContain(id);
    expect(error.details).toEqual({ differing_fields: [field] });
    // The stored task is unchanged.
    expect((await s.api.get(id)).body).toMatchObject({ duration_ms: 5, type: 'COMPUTE' });
  });

  it('compares dependencies as a set: another order is the same task, another set is not', async () => {
    const [a, b, c] = [s.id('dep-a'), s.id('dep-b'), s.id('dep-c')];
    for (const dep of [a, b, c]) await created({ id: dep });
    const id = s.id('fan-in');
    const first = await created({ id, dependencies: [a, b] });

    const reordered = await s.api.submit({ id, dependencies: [b, a] });
    expect(reordered.status).toBe(200);
    expect(reordered.body.created_at).toBe(first.created_at);

    const other = await s.api.submit({ id, dependencies: [a, c] });
    expect(expectError(other, 409, 'TASK_EXISTS', /dependencies/).details).toEqual({
      differing_fields: ['dependencies'],
    });
  });

  it('names every differing field', async () => {
    const id = s.id('many-diffs');
    await created({ id, duration_ms: 1 });
    const res = await s.api.submit({ id, type: 'OTHER', duration_ms: 2 });
    const error = expectError(res, 409, 'TASK_EXISTS');
    expect((error.details as { differing_fields: string[] }).differing_fields.sort()).toEqual([
      'duration_ms',
      'type',
    ]);
  });

  it('creates exactly one task from 50 concurrent identical submissions', async () => {
    const id = s.id('stampede');
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => s.api.submit({ id, duration_ms: 10 })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((st) => st === 201)).toHaveLength(1);
    expect(statuses.filter((st) => st === 200)).toHaveLength(49);
    expect(new Set(responses.map((r) => r.body.created_at)).size).toBe(1);
    expect((await s.api.get(id)).body.created_at).toBe(responses[0]!.body.created_at);
  });

  it('lets exactly one of 20 concurrent conflicting submissions win, the rest get 409', async () => {
    const id = s.id('contest');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => s.api.submit({ id, duration_ms: i })),
    );
    const winners = responses.filter((r) => r.status === 201);
    expect(winners).toHaveLength(1);
    const losers = responses.filter((r) => r.status !== 201);
    expect(losers).toHaveLength(19);
    for (const loser of losers) {
      expect(expectError(loser, 409, 'TASK_EXISTS', /duration_ms/).details).toEqual({
        differing_fields: ['duration_ms'],
      });
    }
    expect((await s.api.get(id)).body.duration_ms).toBe(winners[0]!.body.duration_ms);
  });
});

describe('headers', () => {
  const requests = {
    'a success': () => s.api.list({ limit: 1 }),
    'a client error': () => s.api.get('a%2Fb'),
    'an unknown route': () => s.api.request('GET', '/nowhere'),
  };

  it.each(Object.keys(requests))('sends no X-Powered-By and an X-Request-Id on %s', async (label) => {
    const res = await requests[label as keyof typeof requests]();
    expect(res.headers.has('x-powered-by')).toBe(false);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes a well-formed client request id and replaces a malformed one', async () => {
    const given = await s.api.request('GET', '/api/stats', { headers: { 'x-request-id': 'client-req:42' } });
    expect(given.headers.get('x-request-id')).toBe('client-req:42');
    const malformed = await s.api.request('GET', '/api/stats', {
      headers: { 'x-request-id': 'has spaces and <html>' },
    });
    expect(malformed.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
