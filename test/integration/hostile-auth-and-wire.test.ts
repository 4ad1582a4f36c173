// Property-based tests of bearer tokens and of bytes that are not HTTP, over real HTTP against a real API
// process and worker (and a second API process with API_TOKEN set). Whatever is sent, the answer is never a
// 5xx, every error has the one shape, and the process stays up. Task ids and list queries:
// hostile-task-lookups.test.ts; methods, paths and headers: hostile-methods-and-headers; POST bodies:
// hostile-json-bodies and hostile-body-bytes.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DAG_PAGE_PATHS, DAG_PAGE_SETTINGS_PATH } from '../../src/api/dag-page.js';
import { expectApiAlive, expectWellFormed } from '../helpers/answers.js';
import { printable } from '../helpers/printable-ascii.js';
import { type Component, startApi } from '../helpers/processes.js';
import { runs } from '../helpers/properties.js';
import { wellFormed } from '../helpers/raw-answers.js';
import { type RawRequest, parseWireAnswers, rawExchange, rawRequest } from '../helpers/raw-http.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

const TOKEN = 'hostile-requests-test-token-0123456789';

let s: Scheduler;
let secured: Component & { url: string };

beforeAll(async () => {
  s = await startScheduler('hostile-auth-and-wire');
  secured = await startApi({
    temporalAddress: s.temporalAddress,
    taskQueue: s.taskQueue,
    env: { API_TOKEN: TOKEN },
    logName: `${s.taskQueue}-secured`,
  });
});
afterEach(() => expectApiAlive(s));
afterAll(() => s?.stop());

const send = (request: RawRequest, baseUrl = s.api.baseUrl) => rawRequest(baseUrl, request);

/** What answers without the token: the probes, the metrics, the API's description and the DAG page's code. */
const OPEN_PATHS = ['/healthz', '/readyz', '/health', '/metrics', '/openapi.json', ...DAG_PAGE_PATHS];

describe('bearer token (API_TOKEN set)', () => {
  it('answers 401 in the error shape to any credential but the token, except on the probes, /metrics, /openapi.json and the DAG page', async () => {
    const authorization = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom(
        `Bearer ${TOKEN}`,
        `bearer ${TOKEN}`,
        `Bearer  ${TOKEN}`,
        `Bearer ${TOKEN}x`,
        `Basic ${TOKEN}`,
      ),
      fc.constantFrom(
        `Bearer ${TOKEN.slice(0, -1)}`,
        'Bearer',
        'Bearer ',
        `${TOKEN}`,
        `Bearer ${TOKEN} ${TOKEN}`,
      ),
      printable(50).map((t) => `Bearer ${t}`),
      printable(60),
    );
    const path = fc.constantFrom(
      '/api/stats',
      '/api/tasks?limit=1',
      '/api/tasks?limit=0',
      ...OPEN_PATHS,
      '/nowhere',
      '/api/tasks/x',
      DAG_PAGE_SETTINGS_PATH,
      '/dag-page/nope.js',
    );
    await fc.assert(
      fc.asyncProperty(authorization, path, async (auth, p) => {
        const headers = auth === undefined ? undefined : { authorization: auth };
        const res = await send({ path: p, headers }, secured.url);
        const request = `GET ${p} (Authorization ${JSON.stringify(auth)})`;
        const error = wellFormed(res, request);
        const open = OPEN_PATHS.includes(p);
        // Header values reach the server trimmed of surrounding whitespace.
        if (open || auth?.trim() === `Bearer ${TOKEN}`) {
          expect(res.status, `${request}: ${res.text}`).not.toBe(401);
        } else {
          expect(res.status, `${request}: ${res.text}`).toBe(401);
          expect(error?.code).toBe('UNAUTHORIZED');
          expect(res.headers['www-authenticate']).toBe('Bearer');
        }
        expect(res.text).not.toContain(TOKEN);
      }),
      runs(300),
    );
    expect(secured.process.exitCode).toBeNull();
  });
});

describe('bytes that are not HTTP', () => {
  const line = fc.oneof(
    fc.constantFrom(
      'Host: h',
      'Content-Type: application/json',
      'Content-Length: 0',
      'Content-Length: 5',
      'Content-Length: 99999',
      'Content-Length: -1',
      'Content-Length: 1, 2',
      'Content-Length: abc',
      'Transfer-Encoding: chunked',
      'Transfer-Encoding: gzip, chunked',
      'Transfer-Encoding: identity',
      'Connection: close',
      'Connection: keep-alive',
      'Expect: 100-continue',
      'X-Dup: 1',
      ' folded: obs-fold',
      ': no name',
      'No-Colon',
      'X\u0001Bad: y',
      'X-Null: a\u0000b',
    ),
    fc.tuple(fc.stringMatching(/^[A-Za-z-]{1,12}$/), printable(30)).map(([k, v]) => `${k}: ${v}`),
  );
  const body = fc.oneof(
    fc.constant(''),
    fc.constantFrom('{"id":"x"}', '5\r\nhello\r\n0\r\n\r\n', 'zz\r\nxx\r\n0\r\n\r\n', '0\r\n\r\n', '3\r\nab'),
    fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('latin1')),
  );
  const head = fc.record({
    method: fc.oneof(
      fc.constantFrom('GET', 'POST', 'HEAD', 'DELETE'),
      fc.constantFrom('FOO', 'G ET', 'get', ''),
    ),
    target: fc.oneof(
      fc.constantFrom(
        '/api/stats',
        '/api/tasks',
        '/health',
        '/healthz',
        '/metrics',
        `/api/tasks/x`,
        '*',
        'http://h/api/stats',
        '',
      ),
      printable(20).map((t) => `/${t}`),
    ),
    version: fc.constantFrom(
      'HTTP/1.1',
      'HTTP/1.1',
      'HTTP/1.0',
      'HTTP/2.0',
      'HTTP/1',
      'HTTP/1.1 x',
      'http/1.1',
      '',
    ),
    lines: fc.array(line, { maxLength: 6 }),
    body,
    eol: fc.constantFrom('\r\n', '\r\n', '\n'),
  });
  const stream = fc.oneof(
    {
      weight: 4,
      arbitrary: head.map(
        (h) =>
          `${h.method} ${h.target} ${h.version}${h.eol}${h.lines.map((l) => l + h.eol).join('')}${h.eol}${h.body}`,
      ),
    },
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
  );

  it('answers whatever arrives on a connection with nothing but well-formed answers, then closes it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stream, { minLength: 1, maxLength: 3 }), async (parts) => {
        const wire = Buffer.from(parts.join(''), 'latin1');
        const answers = parseWireAnswers(await rawExchange(s.api.baseUrl, wire));
        for (const answer of answers.filter((a) => a.status >= 200)) {
          // 1xx answers (100 Continue) are interim, not answers.
          // A body announced but absent: the answer to a HEAD.
          const head = answer.text === '' && Number(answer.headers['content-length']) > 0;
          expectWellFormed(
            {
              status: answer.status,
              contentType: answer.headers['content-type'],
              text: answer.text,
              json: answer.json,
            },
            `bytes ${JSON.stringify(wire.toString('latin1'))}`,
            head ? 'HEAD' : 'GET',
          );
        }
      }),
      runs(400),
    );
  });
});
