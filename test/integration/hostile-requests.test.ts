// Property-based tests of every endpoint but POST /api/tasks with hostile input, over real HTTP against a real
// API process and worker: arbitrary ids and percent-garbage in paths, arbitrary query strings, any method, odd
// headers and bearer tokens, and raw bytes that are not HTTP at all. Whatever is sent, the answer is never a
// 5xx, every error has the one shape, and the process stays up. POST bodies: hostile-input.test.ts.
import { METHODS, validateHeaderName, validateHeaderValue } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { listTasksQuerySchema, statsSchema, taskPageSchema, taskSchema } from '../../src/api/schemas.js';
import { decodeCursor } from '../../src/tasks/cursor.js';
import { type Answer, expectApiAlive, expectWellFormed } from '../helpers/answers.js';
import {
  encodable,
  invalidId,
  listQueryName,
  listQueryValue,
  prefixedId,
} from '../helpers/hostile-arbitraries.js';
import { type Component, startApi } from '../helpers/processes.js';
import { runs } from '../helpers/properties.js';
import {
  type RawRequest,
  type RawResponse,
  parseWireAnswers,
  rawExchange,
  rawRequest,
} from '../helpers/raw-http.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

const TOKEN = 'hostile-requests-test-token-0123456789';

let s: Scheduler;
let secured: Component & { url: string };
let prefix: string;
let knownIds: string[];
let realCursor: string;

beforeAll(async () => {
  s = await startScheduler('hostile-requests');
  secured = await startApi({
    temporalAddress: s.temporalAddress,
    taskQueue: s.taskQueue,
    env: { API_TOKEN: TOKEN },
    logName: `${s.taskQueue}-secured`,
  });
  prefix = `${s.id('r')}-`;
  knownIds = [`${prefix}known-0`, `${prefix}known-1`];
  for (const id of knownIds) expect((await s.api.submit({ id })).status).toBe(201);
  // A cursor this API produced: visibility shows new tasks after a short lag.
  realCursor = await vi.waitFor(
    async () => {
      const page = await s.api.list({ limit: 1 });
      expect(page.body.next_cursor).toEqual(expect.any(String));
      return page.body.next_cursor!;
    },
    { timeout: 10_000, interval: 50 },
  );
});
afterEach(() => expectApiAlive(s));
afterAll(() => s?.stop());

const send = (request: RawRequest, baseUrl = s.api.baseUrl) => rawRequest(baseUrl, request);

const answerOf = (res: RawResponse): Answer => ({
  status: res.status,
  contentType: res.headers['content-type'] as string | undefined,
  text: res.text,
  json: res.json,
});

const wellFormed = (res: RawResponse, request: string, method = 'GET') =>
  expectWellFormed(answerOf(res), request, method);

/** Printable ASCII, what any HTTP client can put in a header value. */
const printable = (maxLength: number) =>
  fc.string({
    unit: fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))),
    maxLength,
  });

describe('GET /api/tasks/:id', () => {
  it('answers any id: the task if it exists, else 404 NOT_FOUND naming the id', async () => {
    const id = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
      prefixedId(prefix, 20),
      invalidId(prefix).filter((v): v is string => encodable(v) && v.length > 0),
      fc.constantFrom(...knownIds, '.', '..', '...', '%', '%2F', 'a/b', '\\', '\u0000', ' '),
    );
    await fc.assert(
      fc.asyncProperty(id, async (taskId) => {
        const path = `/api/tasks/${encodeURIComponent(taskId)}`;
        const res = await send({ path });
        const error = wellFormed(res, `GET ${path}`);
        if (knownIds.includes(taskId)) {
          expect(res.status).toBe(200);
          expect(taskSchema.parse(res.json).id).toBe(taskId);
        } else {
          expect(res.status, `GET ${path}: ${res.text}`).toBe(404);
          expect(error?.code).toBe('NOT_FOUND');
          expect(error?.message).toContain(taskId);
        }
      }),
      runs(500),
    );
  });

  it('answers percent-garbage, dot segments and slashes in the path with a 4xx in the error shape', async () => {
    const segment = fc.string({
      unit: fc.constantFrom(..."%0123456789abcdefABCDEFgzGZ./_-~:@!$&'()*+,;="),
      minLength: 1,
      maxLength: 24,
    });
    await fc.assert(
      fc.asyncProperty(segment, async (raw) => {
        const path = `/api/tasks/${raw}`;
        const res = await send({ path });
        const error = wellFormed(res, `GET ${path}`);
        if (raw.includes('/')) return; // another route, or none: checked above for shape only
        let id: string;
        try {
          id = decodeURIComponent(raw);
        } catch {
          expect(res.status, `GET ${path}: ${res.text}`).toBe(400);
          expect(error?.code).toBe('BAD_REQUEST');
          return;
        }
        expect(res.status, `GET ${path}: ${res.text}`).toBe(knownIds.includes(id) ? 200 : 404);
        if (res.status === 404) expect(error?.message).toContain(id);
      }),
      runs(400),
    );
  });
});

describe('GET /api/tasks', () => {
  it('answers any query string: a page matching the filters, or 400 naming the bad parameter', async () => {
    const value = fc.oneof(
      { weight: 5, arbitrary: listQueryValue },
      fc.constant(realCursor),
      fc.nat().map((i) => {
        const at = i % realCursor.length; // one character of a real cursor changed
        return realCursor.slice(0, at) + (realCursor[at] === 'A' ? 'B' : 'A') + realCursor.slice(at + 1);
      }),
    );
    const encodedPairs = fc
      .array(fc.tuple(listQueryName, value), { maxLength: 5 })
      .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
    const rawQuery = fc.string({
      unit: fc.constantFrom(...'%&=+;#[]limitsauc0123456789AZ_-.'),
      maxLength: 30,
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(encodedPairs, rawQuery), async (query) => {
        const path = `/api/tasks?${query}`;
        const res = await send({ path });
        const error = wellFormed(res, `GET ${path}`);
        // The API's query parser is Node's querystring ('simple'); '#' starts a fragment, never sent by clients.
        const parsed = listTasksQuerySchema.safeParse(parseQuery(query.split('#')[0]!));
        if (!parsed.success) {
          expect(res.status, `GET ${path}: ${res.text}`).toBe(400);
          expect(error?.code).toBe('VALIDATION_ERROR');
          for (const issue of parsed.error.issues) {
            const names = issue.code === 'unrecognized_keys' ? issue.keys : [String(issue.path[0])];
            for (const name of names) expect(error?.message).toContain(name);
          }
          return;
        }
        const { cursor, status, type, limit } = parsed.data;
        if (cursor !== undefined && !isOwnCursor(cursor)) {
          expect(res.status, `GET ${path}: ${res.text}`).toBe(400);
          expect(error?.code).toBe('INVALID_CURSOR');
          return;
        }
        // A real cursor under other filters may be refused by Temporal: INVALID_CURSOR then, never a 5xx.
        if (cursor !== undefined && res.status === 400)
          return void expect(error?.code).toBe('INVALID_CURSOR');
        expect(res.status, `GET ${path}: ${res.text}`).toBe(200);
        const page = taskPageSchema.parse(res.json);
        expect(page.tasks.length).toBeLessThanOrEqual(limit);
        for (const task of page.tasks) {
          if (status) expect(task.status).toBe(status);
          if (type) expect(task.type).toBe(type);
        }
      }),
      runs(300),
    );
  });
});

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function isOwnCursor(cursor: string): boolean {
  try {
    decodeCursor(cursor);
    return true;
  } catch {
    return false;
  }
}

describe('GET /api/stats, /health, /openapi.json', () => {
  it('answers 200 with its documented body whatever the query string and harmless headers', async () => {
    const input = fc.record({
      path: fc.constantFrom('/api/stats', '/health', '/openapi.json'),
      query: fc.oneof(
        fc.constant(''),
        printable(30).map((q) => `?${encodeURI(q)}`),
      ),
      accept: fc.oneof(printable(30), fc.constantFrom('text/html', 'application/xml', '*/*', '')),
      method: fc.constantFrom('GET', 'HEAD'),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ path, query, accept, method }) => {
        const res = await send({ method, path: path + query, headers: { accept } });
        const request = `${method} ${path + query} (Accept ${JSON.stringify(accept)})`;
        expect(res.status, `${request}: ${res.text}`).toBe(200);
        expect(res.headers['content-type'], request).toMatch(/^application\/json/);
        if (method === 'HEAD') return void expect(res.text).toBe('');
        if (path === '/api/stats') statsSchema.parse(res.json);
        if (path === '/health') expect(res.json).toEqual({ status: 'ok' });
        if (path === '/openapi.json') expect(res.json).toMatchObject({ openapi: '3.1.0' });
      }),
      runs(300),
    );
  });
});

describe('methods and paths', () => {
  const ROUTES: Record<string, string[]> = {
    '/api/tasks': ['GET', 'POST'],
    '/api/stats': ['GET'],
    '/health': ['GET'],
    '/openapi.json': ['GET'],
  };

  it('answers any method on any path: 405 with Allow on a route, 404 elsewhere, 400 for unknown methods', async () => {
    const known = METHODS.filter((m) => m !== 'CONNECT'); // a tunnel request, not one for this API
    const method = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...known) },
      fc.stringMatching(/^[A-Z]{1,10}$/),
      fc.constantFrom('get', 'Post', 'FOO', 'M-SEARCH'),
    );
    const path = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom(...Object.keys(ROUTES), '/api/tasks/x', '/', '/api', '/API/TASKS'),
      },
      fc.constantFrom(
        '/api/tasks/x/y',
        '/api/tasks/..',
        '/../../etc/passwd',
        '//api//tasks',
        '/api/tasks;x',
        '*',
      ),
      fc.webPath(),
    );
    await fc.assert(
      fc.asyncProperty(method, path, fc.boolean(), async (m, p, withBody) => {
        const upper = m.toUpperCase(); // node:http sends methods upper-cased
        const body = withBody ? '{"id":"x"}' : undefined;
        const headers: Record<string, string> = body ? { 'content-type': 'application/json' } : {};
        const res = await send({ method: m, path: p, headers, body });
        const request = `${upper} ${p}`;
        const error = wellFormed(res, request, upper);
        // Node's parser refuses methods it does not know (and some of http.METHODS, e.g. QUERY on Node 20).
        const refused = res.status === 400 && error?.message.includes('unknown method') === true;
        if (!METHODS.includes(upper) || refused) {
          expect(res.status, `${request}: ${res.text}`).toBe(400);
          expect(error?.code).toBe('BAD_REQUEST');
          return void expect(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']).not.toContain(
            upper,
          );
        }
        // Express routes ignore case and a trailing slash.
        const route = p.toLowerCase().replace(/(.)\/$/, '$1');
        const allowed = ROUTES[route] ?? (/^\/api\/tasks\/[^/]+$/.test(route) ? ['GET'] : undefined);
        if (res.status === 400 && error?.code === 'BAD_REQUEST' && !decodable(p)) return;
        if (allowed === undefined) {
          expect(res.status, `${request}: ${res.text}`).toBe(404);
          if (upper !== 'HEAD') expect(error?.message).toContain(upper);
        } else if (upper === 'OPTIONS') {
          expect(res.status, `${request}: ${res.text}`).toBe(204);
          expect(res.headers.allow).toBe([...allowed, 'HEAD', 'OPTIONS'].join(', '));
        } else if (!allowed.includes(upper === 'HEAD' ? 'GET' : upper)) {
          expect(res.status, `${request}: ${res.text}`).toBe(405);
          expect(error?.code).toBe('METHOD_NOT_ALLOWED');
          expect(res.headers.allow).toBe([...allowed, 'HEAD', 'OPTIONS'].join(', '));
        }
      }),
      runs(500),
    );
  });
});

describe('headers', () => {
  const NAMES = [
    'accept',
    'accept-encoding',
    'accept-language',
    'authorization',
    'cookie',
    'origin',
    'referer',
    'user-agent',
    'x-request-id',
    'x-forwarded-for',
    'x-forwarded-host',
    'x-http-method-override',
    'if-none-match',
    'if-modified-since',
    'range',
    'expect',
    'content-type',
    'content-encoding',
    'connection',
    'upgrade',
    'te',
    'forwarded',
    'host',
  ];

  const header = fc
    .tuple(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...NAMES) },
        fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/),
      ),
      fc.oneof(printable(60), fc.constantFrom('', '100-continue', 'close', 'websocket', 'bytes=0-1', '*')),
    )
    .filter(([name, value]) => {
      // A wrong Content-Length or Transfer-Encoding stalls the exchange: 'bytes that are not HTTP' sends those.
      if (name === 'content-length' || name === 'transfer-encoding') return false;
      try {
        validateHeaderName(name);
        validateHeaderValue(name, value);
        return true;
      } catch {
        return false; // not sendable by an HTTP client
      }
    });

  it('answers requests with arbitrary headers without a 5xx, and echoes only well-formed request ids', async () => {
    const input = fc.record({
      headers: fc.array(header, { maxLength: 6 }).map((pairs) => Object.fromEntries(pairs)),
      target: fc.constantFrom('stats', 'task', 'list', 'post'),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ headers, target }) => {
        const request: RawRequest =
          target === 'post'
            ? {
                method: 'POST',
                path: '/api/tasks',
                headers: { 'content-type': 'application/json', ...headers },
                body: `{"id":"${prefix}hdr"}`, // rejected: no type nor duration_ms
              }
            : {
                path: { stats: '/api/stats', task: `/api/tasks/${knownIds[0]}`, list: '/api/tasks?limit=2' }[
                  target
                ],
              };
        if (target !== 'post') request.headers = headers;
        const res = await send(request);
        const description = `${request.method ?? 'GET'} ${request.path} with ${JSON.stringify(headers)}`;
        wellFormed(res, description, request.method);
        const given = headers['x-request-id'];
        const echoed = res.headers['x-request-id'];
        if (given !== undefined && /^[A-Za-z0-9._:-]{1,128}$/.test(given.trim())) {
          expect(echoed, description).toBe(given.trim());
        } else if (echoed !== undefined) {
          expect(echoed, description).toMatch(/^[0-9a-f-]{36}$/);
        }
      }),
      runs(400),
    );
  });

  it('answers request lines and headers over 16 KB with 431 in the error shape', async () => {
    const input = fc.record({
      size: fc.integer({ min: 8_000, max: 64_000 }),
      where: fc.constantFrom('path', 'header'),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ size, where }) => {
        const pad = 'a'.repeat(size);
        const request =
          where === 'path'
            ? { path: `/api/tasks/${pad}` }
            : { path: '/api/stats', headers: { 'x-pad': pad } };
        const res = await send(request).catch((err: NodeJS.ErrnoException) => {
          // The server closes the connection right after answering; the client may still be sending.
          if (err.code === 'ECONNRESET' || err.code === 'EPIPE') return undefined;
          throw err;
        });
        if (res === undefined) return;
        const error = wellFormed(res, `${size} bytes in the ${where}`);
        if (size > 16_384) expect(res.status).toBe(431);
        if (size < 15_000) expect(res.status).not.toBe(431);
        if (res.status === 431) expect(error?.code).toBe('HEADERS_TOO_LARGE');
      }),
      runs(30),
    );
  });
});

describe('bearer token (API_TOKEN set)', () => {
  it('answers 401 in the error shape to any credential but the token, except on /health and /openapi.json', async () => {
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
      '/health',
      '/openapi.json',
      '/nowhere',
      '/api/tasks/x',
    );
    await fc.assert(
      fc.asyncProperty(authorization, path, async (auth, p) => {
        const headers = auth === undefined ? undefined : { authorization: auth };
        const res = await send({ path: p, headers }, secured.url);
        const request = `GET ${p} (Authorization ${JSON.stringify(auth)})`;
        const error = wellFormed(res, request);
        const open = p === '/health' || p === '/openapi.json';
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
      fc.constantFrom('/api/stats', '/api/tasks', '/health', `/api/tasks/x`, '*', 'http://h/api/stats', ''),
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
