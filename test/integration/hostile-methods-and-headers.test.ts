// Property-based tests of every route with hostile methods, paths and headers, over real HTTP against a real API
// process and worker: any query string on GET /api/stats, the probes, /metrics and /openapi.json, any method on any path, odd
// and oversized headers. Whatever is sent, the answer is never a 5xx, every error has the one shape, and the
// process stays up. Task ids and list queries: hostile-task-lookups.test.ts; bearer tokens and raw bytes:
// hostile-auth-and-wire; POST bodies: hostile-json-bodies and hostile-body-bytes.
import { METHODS, validateHeaderName, validateHeaderValue } from 'node:http';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DAG_PAGE_PATHS, DAG_PAGE_SETTINGS_PATH } from '../../src/api/dag-page.js';
import { statsSchema } from '../../src/api/schemas.js';
import { expectApiAlive } from '../helpers/answers.js';
import { printable } from '../helpers/printable-ascii.js';
import { runs } from '../helpers/properties.js';
import { wellFormed } from '../helpers/raw-answers.js';
import { type RawRequest, rawRequest } from '../helpers/raw-http.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
let prefix: string;
let knownIds: string[];

beforeAll(async () => {
  s = await startScheduler('hostile-methods-and-headers');
  prefix = `${s.id('r')}-`;
  knownIds = [`${prefix}known-0`, `${prefix}known-1`];
  for (const id of knownIds) expect((await s.api.submit({ id })).status).toBe(201);
});
afterEach(() => expectApiAlive(s));
afterAll(() => s?.stop());

const send = (request: RawRequest, baseUrl = s.api.baseUrl) => rawRequest(baseUrl, request);

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

describe('GET /api/stats, the probes, /metrics, /openapi.json', () => {
  it('answers 200 with its documented body whatever the query string and harmless headers', async () => {
    const input = fc.record({
      path: fc.constantFrom('/api/stats', '/healthz', '/readyz', '/health', '/metrics', '/openapi.json'),
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
        const type = path === '/metrics' ? /^text\/plain; version=0\.0\.4/ : /^application\/json/;
        expect(res.headers['content-type'], request).toMatch(type);
        if (method === 'HEAD') return void expect(res.text).toBe('');
        if (path === '/api/stats') statsSchema.parse(res.json);
        if (['/healthz', '/readyz', '/health'].includes(path)) expect(res.json).toEqual({ status: 'ok' });
        if (path === '/metrics')
          expect(res.text).toContain('# TYPE dag_http_request_duration_seconds histogram');
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
    '/api/dags': ['POST'],
    '/healthz': ['GET'],
    '/readyz': ['GET'],
    '/health': ['GET'],
    '/metrics': ['GET'],
    '/openapi.json': ['GET'],
    // The DAG page (`/`), its files and its settings.
    ...Object.fromEntries([...DAG_PAGE_PATHS, DAG_PAGE_SETTINGS_PATH].map((path) => [path, ['GET']])),
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
        arbitrary: fc.constantFrom(
          ...Object.keys(ROUTES),
          '/api/tasks/x',
          '/api/tasks/x/dependents',
          '/api/tasks/x/cancel',
          '/api/dags/x',
          '/api',
          '/API/TASKS',
          '/DAG-PAGE/MAIN.JS',
          '/dag-page',
          '/dag-page/nope.js',
          '/dag-page/vendor/../main.js',
        ),
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
        // Express routes ignore case and a trailing slash; node:http sends an empty path as `/`.
        const route = (p || '/').toLowerCase().replace(/(.)\/$/, '$1');
        const allowed = ROUTES[route] ?? routeWithId(route);
        // HEAD comes with GET (express answers it), OPTIONS with every route.
        const allow = (methods: string[]) =>
          [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
        if (res.status === 400 && error?.code === 'BAD_REQUEST' && !decodable(p)) return;
        if (allowed === undefined) {
          expect(res.status, `${request}: ${res.text}`).toBe(404);
          if (upper !== 'HEAD') expect(error?.message).toContain(upper);
        } else if (upper === 'OPTIONS') {
          expect(res.status, `${request}: ${res.text}`).toBe(204);
          expect(res.headers.allow).toBe(allow(allowed));
        } else if (!allowed.includes(upper === 'HEAD' ? 'GET' : upper)) {
          expect(res.status, `${request}: ${res.text}`).toBe(405);
          // A HEAD answer has no body (a route without GET, such as POST /api/dags, answers HEAD with 405).
          if (upper !== 'HEAD') expect(error?.code).toBe('METHOD_NOT_ALLOWED');
          expect(res.headers.allow).toBe(allow(allowed));
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

/** The methods of a route with an id in its path, if `route` is one. */
function routeWithId(route: string): string[] | undefined {
  if (/^\/api\/(tasks|dags)\/[^/]+$/.test(route)) return ['GET'];
  if (/^\/api\/tasks\/[^/]+\/dependents$/.test(route)) return ['GET'];
  if (/^\/api\/tasks\/[^/]+\/cancel$/.test(route)) return ['POST'];
  return undefined;
}
