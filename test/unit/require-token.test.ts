// The bearer-token guard and the CORS policy of the HTTP app, exercised in-process (no Temporal call is made:
// the routes reached here fail validation or auth before touching the task service).
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { parseConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import type { TaskService } from '../../src/tasks/task-service.js';

const TOKEN = 'a-long-enough-test-token';
const unusedTasks = {} as TaskService; // every request below is answered before the service is used

function app(options: { apiToken?: string; corsOrigins?: string[] } = {}) {
  return createApp({
    tasks: unusedTasks,
    logger: createLogger('silent', 'test'),
    readiness: () => Promise.resolve({ status: 'ok' }),
    ...options,
  });
}

describe('API_TOKEN', () => {
  const guarded = app({ apiToken: TOKEN });

  it.each([
    ['no header', undefined],
    ['a wrong token', `Bearer not-the-token`],
    ['a token of the right length but wrong', `Bearer ${'x'.repeat(TOKEN.length)}`],
    ['another scheme', `Basic ${TOKEN}`],
    ['the bare token', TOKEN],
  ])('rejects %s with 401 UNAUTHORIZED', async (_label, header) => {
    const req = request(guarded).get('/api/tasks/some-id');
    const res = await (header ? req.set('Authorization', header) : req);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.body).toEqual({ error: { code: 'UNAUTHORIZED', message: 'missing or invalid bearer token' } });
  });

  it('lets the right token through (to validation, here)', async () => {
    const res = await request(guarded)
      .post('/api/tasks')
      .set('Authorization', `Bearer ${TOKEN}`)
      .send({ id: 'x' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });

  it('keeps /health open', async () => {
    expect((await request(guarded).get('/health')).status).toBe(200);
  });

  it('is not required when unset', async () => {
    const res = await request(app()).post('/api/tasks').send({ id: 'x' });
    expect(res.status).toBe(400);
  });

  it('must be at least 16 characters, and an invalid one is never printed', () => {
    expect(() => parseConfig({ API_TOKEN: 'short-secret' })).toThrow(/API_TOKEN=<secret of 12 characters>/);
    expect(() => parseConfig({ API_TOKEN: 'short-secret' })).not.toThrow(/short-secret/);
  });
});

describe('security headers and CORS', () => {
  it('sends helmet headers and no X-Powered-By', async () => {
    const res = await request(app()).get('/health');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('is closed by default: no Access-Control-Allow-Origin', async () => {
    const res = await request(app()).get('/health').set('Origin', 'https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows exactly the configured origins', async () => {
    const open = app({ corsOrigins: ['https://ui.example'] });
    const allowed = await request(open).get('/health').set('Origin', 'https://ui.example');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://ui.example');
    const other = await request(open).get('/health').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('parses CORS_ORIGINS as a comma-separated list', () => {
    expect(parseConfig({ CORS_ORIGINS: 'https://a.example, https://b.example' }).CORS_ORIGINS).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });
});
