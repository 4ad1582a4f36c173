// Every way a submission can be rejected, over real HTTP against a real API process: malformed and invalid
// bodies, content types and sizes, and dependencies that cannot be satisfied.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskInput } from '../helpers/api-client.js';
import { type ErrorBody, anyMessage, expectError } from '../helpers/expect-error.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('submit-validation');
});
afterAll(() => s?.stop());

/** POSTs a raw body to /api/tasks with the given headers. */
const postRaw = (body: string | Uint8Array, headers: Record<string, string> = {}) =>
  s.api.request<ErrorBody>('POST', '/api/tasks', { headers, body });

const postJson = (body: unknown) => s.api.postJson<ErrorBody>('/api/tasks', body);

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
      await postJson({ id, type: 'T', duration_ms: 0, colour: 5, durationMs: 1 }),
      400,
      'VALIDATION_ERROR',
      /colour/,
    );
    expect(error.message).toContain('durationMs');
    expect(error.details).toEqual([{ field: 'body', message: 'unknown field(s): colour, durationMs' }]);
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
