// The worker's probe server on a free port: its two routes, their answers, and errors in the API's shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { type HealthServer, startHealthServer } from '../../src/worker/health-server.js';

let server: HealthServer;
let readiness: { status: string } = { status: 'ok' };
let calls = 0;

beforeAll(async () => {
  server = await startHealthServer({
    port: 0,
    logger: createLogger('silent', 'test'),
    readiness: () => {
      calls += 1;
      return Promise.resolve(readiness);
    },
  });
});
afterAll(() => server?.close());

const get = (path: string, method = 'GET') => fetch(`http://127.0.0.1:${server.port}${path}`, { method });

describe('worker health server', () => {
  it('answers /healthz without a readiness check', async () => {
    const before = calls;
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(calls).toBe(before);
  });

  it('answers /readyz 200 when ready and 503 with the reason otherwise', async () => {
    readiness = { status: 'ok' };
    expect((await get('/readyz?probe=1')).status).toBe(200);
    readiness = { status: 'worker_not_running', worker_state: 'STOPPING' } as { status: string };
    const res = await get('/readyz');
    expect(res.status).toBe(503);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'worker_not_running', worker_state: 'STOPPING' });
  });

  it('answers HEAD without a body and OPTIONS with Allow', async () => {
    const head = await get('/healthz', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const options = await get('/readyz', 'OPTIONS');
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('answers other methods 405 and other paths 404, in the error shape', async () => {
    const post = await get('/readyz', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(await post.json()).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } });
    const missing = await get('/metrics');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
