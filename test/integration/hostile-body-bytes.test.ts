// Property-based tests of POST /api/tasks with bodies that are not a plain JSON body, over real HTTP against a
// real API process and worker: raw bytes and almost-JSON text, content types, content encodings and sizes.
// Whatever is sent, the answer is never a 5xx, every error has the one shape, a rejected body never creates a
// task, and an accepted one is stored as sent. An oracle (test/helpers/submission-model.ts) predicts the exact
// answer where it can. Generated JSON bodies: hostile-json-bodies.test.ts.
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
import { expectApiAlive } from '../helpers/answers.js';
import {
  type SubmissionArbitraryOptions,
  applyMutation,
  nearValidSubmission,
  validSubmission,
} from '../helpers/hostile-arbitraries.js';
import {
  JSON_TYPE,
  modelledSubmissionChecks,
  startModelledScheduler,
} from '../helpers/modelled-submissions.js';
import { runs } from '../helpers/properties.js';
import type { Scheduler } from '../helpers/scheduler.js';
import type { SubmissionModel } from '../helpers/submission-model.js';

const BODY_LIMIT = 1024 * 1024; // express.json({ limit: '1mb' })

let s: Scheduler;
let model: SubmissionModel;
let options: SubmissionArbitraryOptions;

beforeAll(async () => {
  ({ s, model, options } = await startModelledScheduler('hostile-body-bytes'));
});
afterEach(() => expectApiAlive(s));
afterAll(() => s?.stop());

const { post, wellFormed, expectStoredAsModelled, expectModelled, expectModelledOr } =
  modelledSubmissionChecks(() => ({ s, model, options }));

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
