// Property-based tests of POST /api/tasks with hostile input, over real HTTP against a real API process and
// worker: thousands of generated bodies, content types, encodings and sizes. Whatever is sent, the answer is
// never a 5xx, every error has the one shape, a rejected body never creates a task, and an accepted one is
// stored as sent. An oracle (test/helpers/submission-model.ts) predicts the exact answer where it can.
// GET endpoints, paths, methods, headers and raw bytes: hostile-requests.test.ts.
import {
  brotliCompressSync,
  brotliDecompressSync,
  deflateSync,
  gunzipSync,
  gzipSync,
  inflateSync,
} from 'node:zlib';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ErrorAnswer, expectApiAlive, expectWellFormed } from '../helpers/answers.js';
import {
  type SubmissionArbitraryOptions,
  applyMutation,
  arbitraryJsonBody,
  encodable,
  nearValidSubmission,
  validSubmission,
} from '../helpers/hostile-arbitraries.js';
import { runs } from '../helpers/properties.js';
import { type RawResponse, rawRequest } from '../helpers/raw-http.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';
import { type SubmittedFields, SubmissionModel, overTheWire } from '../helpers/submission-model.js';

const BODY_LIMIT = 1024 * 1024; // express.json({ limit: '1mb' })
const JSON_TYPE = { 'content-type': 'application/json' };
const FIELDS = ['id', 'type', 'duration_ms', 'dependencies', 'max_attempts', 'fail_attempts'] as const;

let s: Scheduler;
let model: SubmissionModel;
let options: SubmissionArbitraryOptions;

beforeAll(async () => {
  s = await startScheduler('hostile-input');
  const prefix = `${s.id('h')}-`;
  const known: SubmittedFields[] = [0, 1, 2].map((i) => ({
    id: `${prefix}known-${i}`,
    type: 'KNOWN',
    duration_ms: 0,
    dependencies: [],
    max_attempts: 3,
    fail_attempts: 0,
  }));
  for (const task of known) expect((await s.api.submit(task)).status).toBe(201);
  model = new SubmissionModel(known);
  options = { prefix, knownIds: known.map((t) => t.id) };
});
afterEach(() => expectApiAlive(s));
afterAll(() => s?.stop());

const post = (body: string | Uint8Array, headers: Record<string, string> = JSON_TYPE) =>
  rawRequest(s.api.baseUrl, { method: 'POST', path: '/api/tasks', headers, body });

const wellFormed = (res: RawResponse, request: string) =>
  expectWellFormed(
    {
      status: res.status,
      contentType: res.headers['content-type'] as string,
      text: res.text,
      json: res.json,
    },
    request,
    'POST',
  );

const pick = (task: unknown) =>
  Object.fromEntries(FIELDS.map((f) => [f, (task as Record<string, unknown>)[f]]));

/** GET of one id, as a path segment sent byte for byte (`..` stays `..`). */
const getTask = (id: string) => rawRequest(s.api.baseUrl, { path: `/api/tasks/${encodeURIComponent(id)}` });

/**
 * The task with this id is exactly what the model says: the task the test created, or none. Proves that a
 * rejected submission created nothing and changed nothing.
 */
async function expectStoredAsModelled(id: unknown, request: string) {
  if (!encodable(id) || id === '') return; // such an id cannot be created either
  const res = await getTask(id);
  const stored = model.task(id);
  if (stored) {
    expect(res.status, `${request}: GET ${id}`).toBe(200);
    expect(pick(res.json), `${request}: GET ${id}`).toEqual(overTheWire(stored));
  } else {
    const error = wellFormed(res, `${request}: GET ${id}`);
    expect(res.status, `${request}: GET ${id} ${res.text}`).toBe(404);
    expect(error?.message).toContain(id);
  }
}

/** A validation error names each problem: its field, and the rule's message, appear in the message. */
function expectNamesProblems(error: ErrorAnswer, fields: string[] | undefined, request: string) {
  if (fields === undefined) {
    expect(error.details, request).toBeUndefined();
    expect(error.message, request).toMatch(/JSON/);
    return;
  }
  const details = error.details as { field: string; message: string }[];
  expect([...new Set(details.map((d) => d.field))].sort(), request).toEqual(fields);
  for (const d of details) {
    expect(error.message, request).toContain(d.message);
    if (d.field !== 'body') expect(error.message, request).toContain(d.field);
  }
}

/**
 * Checks an answer to a body that the server parsed into `parsed` against the model's prediction, records a
 * created task, and checks the store by GET.
 */
async function expectModelled(
  res: RawResponse,
  parsed: unknown,
  request: string,
  expected = model.expect(parsed),
) {
  // Whatever the server created is recorded first, so that a failed check does not desynchronise the model from
  // the server while fast-check shrinks the counterexample.
  if (res.status === 201) model.record(pick(res.json) as SubmittedFields);
  const error = wellFormed(res, request);
  const context = `${request} answered ${res.status} ${res.text.slice(0, 300)}`;
  expect(res.status, context).toBe(expected.status);
  switch (expected.status) {
    case 201:
    case 200: {
      const task = overTheWire(expected.task) as SubmittedFields;
      expect(pick(res.json), context).toEqual(task);
      expect(res.headers.location, context).toBe(`/api/tasks/${encodeURIComponent(task.id)}`);
      break;
    }
    case 400:
      expect(error?.code, context).toBe(expected.code);
      expectNamesProblems(error!, expected.fields, context);
      break;
    case 409:
      expect(error?.code, context).toBe(expected.code);
      // The README leaves their order open.
      expect(Object.keys(error?.details ?? {}), context).toEqual(['differing_fields']);
      expect((error?.details as { differing_fields: string[] }).differing_fields.sort(), context).toEqual(
        expected.differing,
      );
      for (const field of expected.differing) expect(error?.message, context).toContain(field);
      break;
    case 422:
      expect(error?.code, context).toBe(expected.code);
      if (expected.code === 'UNKNOWN_DEPENDENCY') {
        expect(error?.details, context).toEqual({ missing: expected.missing });
        for (const id of expected.missing) expect(error?.message, context).toContain(id);
      }
      break;
  }
  await expectStoredAsModelled((parsed as { id?: unknown } | null)?.id, request);
}

/**
 * For inputs whose exact answer depends on details the model leaves out (a charset, a corrupt stream): the
 * answer is either `allowed` (rejected, nothing created) or exactly the modelled one.
 */
async function expectModelledOr(allowed: number[], res: RawResponse, parsed: unknown, request: string) {
  if (!allowed.includes(res.status)) return expectModelled(res, parsed, request);
  wellFormed(res, request);
  await expectStoredAsModelled((parsed as { id?: unknown } | null)?.id, request);
}

/** What body-parser makes of raw bytes: UTF-8 text, empty as `{}`, only `{` or `[` first; undefined if not JSON. */
function parseLikeServer(bytes: Uint8Array): unknown {
  const text = new TextDecoder().decode(bytes);
  if (text.length === 0) return {};
  if (!/^[ \t\n\r]*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

describe('POST /api/tasks, JSON bodies', () => {
  it('answers arbitrary JSON values as modelled, never with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryJsonBody(options.prefix), async (value) => {
        const text = JSON.stringify(value);
        await expectModelled(await post(text), overTheWire(value), `POST ${text.slice(0, 300)}`);
      }),
      runs(500),
    );
  });

  it('rejects every near-valid body (one field removed, broken or added) as modelled, creating nothing', async () => {
    await fc.assert(
      fc.asyncProperty(nearValidSubmission(options), async ({ base, mutation }) => {
        const body = applyMutation(base, mutation);
        const text = JSON.stringify(body);
        await expectModelled(await post(text), overTheWire(body), `POST ${text.slice(0, 300)}`);
      }),
      runs(400),
    );
  });

  it('creates every fresh valid body with 201, and GET returns the fields as sent', async () => {
    let created = 0;
    await fc.assert(
      fc.asyncProperty(validSubmission(options), async (body) => {
        fc.pre(model.task(body.id) === undefined); // a repeated id is the idempotency tests' business
        const res = await post(JSON.stringify(body));
        expect(res.status, res.text).toBe(201);
        await expectModelled(res, overTheWire(body), `POST ${JSON.stringify(body)}`);
        created += 1;
      }),
      runs(120),
    );
    expect(created).toBeGreaterThan(100);
  });

  it('answers bursts of concurrent near-valid bodies as modelled', async () => {
    const burst = fc.uniqueArray(nearValidSubmission(options), {
      minLength: 5,
      maxLength: 30,
      selector: ({ base }) => base.id,
    });
    await fc.assert(
      fc.asyncProperty(burst, async (items) => {
        const bodies = items.map(({ base, mutation }) => overTheWire(applyMutation(base, mutation)));
        // Ids are distinct and dependencies only name tasks created before: the answers are independent.
        const expected = bodies.map((body) => model.expect(body));
        const answers = await Promise.all(bodies.map((body) => post(JSON.stringify(body))));
        for (const res of answers) if (res.status === 201) model.record(pick(res.json) as SubmittedFields);
        for (const [i, res] of answers.entries()) {
          const request = `POST ${JSON.stringify(bodies[i]).slice(0, 300)}`;
          await expectModelled(res, bodies[i], request, expected[i]);
        }
      }),
      runs(10),
    );
  });
});

/** A valid or near-valid body as JSON text. */
const someBodyText = () =>
  fc.oneof(
    validSubmission(options).map((body) => JSON.stringify(body)),
    {
      // Mostly rejected bodies: each accepted one starts a workflow, the expensive part of a run.
      weight: 3,
      arbitrary: nearValidSubmission(options).map(({ base, mutation }) =>
        JSON.stringify(applyMutation(base, mutation)),
      ),
    },
  );

describe('POST /api/tasks, bytes that are not a JSON body', () => {
  it('answers raw bytes and almost-JSON text as body-parser reads them, never with a 5xx', async () => {
    const editedJson = fc
      .record({
        text: someBodyText(),
        at: fc.nat(),
        edit: fc.constantFrom('delete', 'insert', 'replace'),
        char: fc.constantFrom(...'{}[]",:\\ 0a-.eE\u0000\n\u00e9\ufeff'),
      })
      .map(({ text, at, edit, char }) => {
        const i = at % (text.length + 1);
        const rest = text.slice(edit === 'insert' ? i : i + 1);
        return new TextEncoder().encode(text.slice(0, i) + (edit === 'delete' ? '' : char) + rest);
      });
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 600 }), editedJson, fc.constant(new Uint8Array()));
    await fc.assert(
      fc.asyncProperty(bytes, async (body) => {
        const request = `POST bytes ${Buffer.from(body).toString('base64')}`;
        await expectModelled(await post(body), parseLikeServer(body), request);
      }),
      runs(500),
    );
  });

  it('answers 415 to every body that is not declared application/json', async () => {
    const printable = fc.string({
      unit: fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))),
      maxLength: 40,
    });
    const params = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            'charset=utf-8',
            'charset=UTF-8',
            'charset="utf-8"',
            'charset=utf8',
            'charset=latin1',
          ),
          fc.constantFrom('charset=utf-16', 'charset=', 'charset', 'q=0.5', 'boundary=x', '', '"'),
          printable,
        ),
        { maxLength: 3 },
      )
      .map((list) => list.map((p) => `; ${p}`).join(''));
    const jsonType = fc
      .tuple(fc.constantFrom('application/json', 'Application/JSON', ' application/json '), params)
      .map(([type, rest]) => type + rest);
    const otherType = fc.oneof(
      fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=xyz',
        'application/xml',
        'text/json',
        'application/jsonp',
        'application/json-patch+json',
        'application/vnd.api+json',
        'application/problem+json',
        '*/*',
        'application/*',
        'json',
        'application',
        '',
      ),
      printable.filter((t) => t.split(';')[0]!.trim().toLowerCase() !== 'application/json'),
    );
    const input = fc.record({
      contentType: fc.oneof(jsonType, otherType, fc.constant(undefined)),
      body: someBodyText(),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ contentType, body }) => {
        const request = `POST (Content-Type ${JSON.stringify(contentType)}) ${body.slice(0, 200)}`;
        // Without headers and with a byte body, node:http sends no Content-Type at all.
        const res = await post(
          Buffer.from(body),
          contentType === undefined ? {} : { 'content-type': contentType },
        );
        const mediaType = contentType?.split(';')[0]!.trim().toLowerCase();
        if (mediaType !== 'application/json') {
          const error = wellFormed(res, request);
          expect(res.status, `${request} answered ${res.text}`).toBe(415);
          expect(error?.message).toContain('application/json');
          return expectStoredAsModelled((JSON.parse(body) as { id?: unknown }).id, request);
        }
        // Parameters may be malformed or name a charset other than UTF-8: then 415 (or 400 for UTF-16 bytes).
        const utf8 =
          !/charset/i.test(contentType!) || /^[^;]*;\s*charset="?utf-8"?$/i.test(contentType!.trim());
        const lenient = /;/.test(contentType!) ? [415] : [];
        await expectModelledOr(utf8 ? lenient : [400, 415], res, JSON.parse(body), request);
      }),
      runs(300),
    );
  });

  it('decodes declared content encodings, and rejects unknown or corrupt ones with a 4xx', async () => {
    const codecs: Record<string, [compress: (b: Buffer) => Buffer, decompress: (b: Buffer) => Buffer]> = {
      gzip: [gzipSync, gunzipSync],
      deflate: [deflateSync, inflateSync],
      br: [brotliCompressSync, brotliDecompressSync],
      identity: [(b) => b, (b) => b],
      '': [(b) => b, (b) => b], // an empty Content-Encoding means identity
    };
    const input = fc.record({
      encoding: fc.constantFrom(...Object.keys(codecs), 'GZIP', 'x-gzip', 'gzip, deflate', '*'),
      transform: fc.constantFrom('proper', 'plain', 'corrupt', 'truncated'),
      flip: fc.nat(),
      body: someBodyText(),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ encoding, transform, flip, body }) => {
        const request = `POST (Content-Encoding ${JSON.stringify(encoding)}, ${transform}) ${body.slice(0, 200)}`;
        const codec = codecs[encoding.toLowerCase()];
        let bytes = transform === 'plain' || !codec ? Buffer.from(body) : codec[0](Buffer.from(body));
        if (transform === 'corrupt') bytes[flip % bytes.length] = bytes[flip % bytes.length]! ^ 0x5a;
        if (transform === 'truncated') bytes = bytes.subarray(0, Math.floor(bytes.length / 2));
        const res = await post(bytes, { ...JSON_TYPE, 'content-encoding': encoding });
        const originalId = (JSON.parse(body) as { id?: unknown }).id;
        if (!codec) {
          const error = wellFormed(res, request);
          expect(res.status, `${request} answered ${res.text}`).toBe(415);
          expect(error?.message).toContain(encoding.toLowerCase());
          return expectStoredAsModelled(originalId, request);
        }
        // What the server reads is what the codec makes of the bytes: a corrupt byte may still decode, into
        // other JSON or into another valid body.
        let decoded: Buffer;
        try {
          decoded = codec[1](bytes);
        } catch {
          wellFormed(res, request);
          expect(res.status, `${request} answered ${res.text}`).toBe(400);
          return expectStoredAsModelled(originalId, request);
        }
        await expectModelled(res, parseLikeServer(decoded), request);
      }),
      runs(300),
    );
  });

  it('answers 413 to a body over 1 MB (raw, chunked or inflated) and reads one at the limit', async () => {
    const input = fc.record({
      size: fc.oneof(
        fc.integer({ min: BODY_LIMIT - 8, max: BODY_LIMIT + 8 }),
        fc.integer({ min: BODY_LIMIT + 1, max: 3 * BODY_LIMIT }),
      ),
      framing: fc.constantFrom('content-length', 'chunked', 'gzip'),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ size, framing }) => {
        const id = `${options.prefix}big-${size}`;
        const head = `{"id":"${id}","type":"T","duration_ms":0,"pad":"`;
        const text = head + 'x'.repeat(size - head.length - 2) + '"}';
        const headers: Record<string, string> = { ...JSON_TYPE };
        if (framing === 'chunked') headers['transfer-encoding'] = 'chunked';
        if (framing === 'gzip') headers['content-encoding'] = 'gzip';
        const res = await post(framing === 'gzip' ? gzipSync(text) : Buffer.from(text), headers);
        const request = `POST ${size} bytes (${framing})`;
        const error = wellFormed(res, request);
        if (size > BODY_LIMIT) {
          expect(res.status, request).toBe(413);
          expect(error?.code).toBe('PAYLOAD_TOO_LARGE');
        } else {
          expect(res.status, request).toBe(400);
          expect(error?.details).toEqual([{ field: 'body', message: 'unknown field(s): pad' }]);
        }
        await expectStoredAsModelled(id, request);
      }),
      runs(24),
    );
  });
});
