// Every way a request other than a submission can be rejected, over real HTTP against a real API process:
// unknown ids, routes and methods, bad list parameters; and the headers of every answer.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../helpers/api-client.js';
import { expectError } from '../helpers/expect-error.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('get-and-list-validation');
});
afterAll(() => s?.stop());

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
    ['GET', '/nowhere'],
    ['GET', '/dag-page/nope.js'],
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
