// The API's probes and /metrics, in-process over a stubbed task service: which answer each probe gives, and
// that each request and submission outcome lands in the right series. The same against real processes and real
// tasks: test/integration/health-and-metrics.test.ts.
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { OverloadedError } from '../../src/errors/overloaded-error.js';
import { UnknownDependencyError } from '../../src/errors/unknown-dependency-error.js';
import { createLogger } from '../../src/logging/logger.js';
import { ApiMetrics } from '../../src/metrics/api-metrics.js';
import type { TaskService } from '../../src/tasks/task-service.js';
import type { TaskStats } from '../../src/tasks/task-queries.js';
import { parseSamples, sampleSum } from '../helpers/prometheus-text.js';

const TOKEN = 'a-long-enough-test-token';
const STATS: TaskStats = {
  total: 6,
  by_status: { WAITING: 1, QUEUED: 2, RUNNING: 0, COMPLETED: 3, FAILED: 0, CANCELLED: 0 },
};

interface Stubs {
  readiness?: () => Promise<{ status: string }>;
  stats?: () => Promise<TaskStats>;
  /** What a submission of the id answers: created, an existing task, or an error thrown. */
  submit?: (id: string) => Promise<{ created: boolean }>;
}

function app(stubs: Stubs = {}, apiToken?: string) {
  const stats = stubs.stats ?? (() => Promise.resolve(STATS));
  const tasks = {
    queries: { stats },
    admission: { admit: <T>(submit: () => Promise<T>) => submit() },
    submission: {
      submit: async ({ id }: { id: string }) => ({ task: { id }, ...(await stubs.submit!(id)) }),
    },
  } as unknown as TaskService;
  const metrics = new ApiMetrics({ stats, processMetrics: false });
  const readiness = vi.fn(stubs.readiness ?? (() => Promise.resolve({ status: 'ok' })));
  const http = createApp({ tasks, logger: createLogger('silent', 'test'), readiness, metrics, apiToken });
  return { http, readiness, samples: async () => parseSamples((await request(http).get('/metrics')).text) };
}

const submission = (id: string) => ({ id, type: 'IO', duration_ms: 1 });

describe('probes', () => {
  it('answers /healthz without asking Temporal', async () => {
    const { http, readiness } = app({ readiness: () => Promise.resolve({ status: 'temporal_unreachable' }) });
    const res = await request(http).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(readiness).not.toHaveBeenCalled();
  });

  it.each(['/readyz', '/health'])(
    'answers %s 200 when ready, 503 with the reason otherwise',
    async (path) => {
      expect((await request(app().http).get(path)).body).toEqual({ status: 'ok' });
      const missing = { status: 'search_attributes_missing', missing: ['TaskStatus'] };
      const res = await request(app({ readiness: () => Promise.resolve(missing) }).http).get(path);
      expect(res.status).toBe(503);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual(missing);
    },
  );

  it('keeps the probes and /metrics open when API_TOKEN is set', async () => {
    const { http } = app({}, TOKEN);
    for (const path of ['/healthz', '/readyz', '/health', '/metrics']) {
      expect((await request(http).get(path)).status, path).toBe(200);
    }
    expect((await request(http).get('/api/stats')).status).toBe(401);
  });
});

describe('/metrics', () => {
  it('serves the text format with the tasks by status from the stats', async () => {
    const { http } = app();
    const res = await request(http).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parseSamples(res.text);
    for (const [status, count] of Object.entries(STATS.by_status)) {
      expect(sampleSum(samples, 'dag_tasks', { status }), status).toBe(count);
    }
  });

  it('serves only the metrics named by ?name=, without reading the stats for the others', async () => {
    const stats = vi.fn(() => Promise.resolve(STATS));
    const tasks = { queries: { stats } } as unknown as TaskService;
    const metrics = new ApiMetrics({
      stats,
      admittedRate: () => 12.5,
      admissionQueued: () => 340,
      processMetrics: false,
    });
    const http = createApp({ tasks, logger: createLogger('silent', 'test'), readiness: vi.fn(), metrics });
    const res = await request(http).get('/metrics?name=dag_admission_rate&name=dag_admission_queued');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(parseSamples(res.text).map((s) => [s.name, s.value])).toEqual([
      ['dag_admission_rate', 12.5],
      ['dag_admission_queued', 340],
    ]);
    expect(stats).not.toHaveBeenCalled();
    const whole = parseSamples((await request(http).get('/metrics')).text);
    expect(sampleSum(whole, 'dag_admission_queued', {})).toBe(340);
    expect(stats).toHaveBeenCalledTimes(1);
  });

  it('answers 400 naming a metric that does not exist', async () => {
    const res = await request(app().http).get('/metrics?name=dag_tasks&name=dag_nope');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: {
        code: 'VALIDATION_ERROR',
        message: expect.stringContaining('no metric named "dag_nope"') as unknown,
      },
    });
    // Other parameters are ignored (a scrape config may add its own), and `name` still selects.
    const extra = await request(app().http).get('/metrics?format=json&name=dag_admission_rate');
    expect(extra.status).toBe(200);
    expect(parseSamples(extra.text).map((s) => s.name)).toEqual(['dag_admission_rate']);
  });

  it('still answers while the stats cannot be read, without task samples', async () => {
    const { http } = app({ stats: () => Promise.reject(new Error('unavailable')) });
    const res = await request(http).get('/metrics');
    expect(res.status).toBe(200);
    expect(parseSamples(res.text).filter((s) => s.name === 'dag_tasks')).toEqual([]);
  });

  it('observes each request by method, route pattern and status', async () => {
    const { http, samples } = app({}, TOKEN);
    await request(http).get('/healthz');
    await request(http).delete('/api/tasks/some-id').set('Authorization', `Bearer ${TOKEN}`);
    await request(http).get('/api/tasks/other-id'); // 401, refused before routing
    await request(http).get('/no/such/path').set('Authorization', `Bearer ${TOKEN}`);
    const scraped = await samples();
    const observed = (method: string, route: string, status: string) =>
      sampleSum(scraped, 'dag_http_request_duration_seconds_count', { method, route, status });
    expect(observed('GET', '/healthz', '200')).toBe(1);
    expect(observed('DELETE', '/api/tasks/:id', '405')).toBe(1);
    expect(observed('GET', 'unmatched', '401')).toBe(1);
    expect(observed('GET', 'unmatched', '404')).toBe(1);
    // The path itself never becomes a label.
    expect(scraped.some((s) => Object.values(s.labels).some((v) => v.includes('some-id')))).toBe(false);
  });

  it('counts submissions by outcome and by the code of a rejection', async () => {
    const { http, samples } = app(
      {
        submit: (id) => {
          if (id === 'busy') return Promise.reject(new OverloadedError('test', 1));
          if (id === 'orphan') return Promise.reject(new UnknownDependencyError(['nope']));
          return Promise.resolve({ created: id !== 'again' });
        },
      },
      TOKEN,
    );
    const post = (body: object | string, token: string | undefined = TOKEN) => {
      const req = request(http).post('/api/tasks');
      if (token) void req.set('Authorization', `Bearer ${token}`);
      return typeof body === 'string' ? req.set('Content-Type', 'text/plain').send(body) : req.send(body);
    };
    expect((await post(submission('new'))).status).toBe(201);
    expect((await post(submission('again'))).status).toBe(200);
    expect((await post(submission('busy'))).status).toBe(429);
    expect((await post(submission('orphan'))).status).toBe(422);
    expect((await post({ id: 'x' })).status).toBe(400);
    expect((await post('hello')).status).toBe(415);
    expect((await post(submission('new'), 'wrong-token-wrong-token')).status).toBe(401);
    const scraped = await samples();
    const counted = (labels: Record<string, string>) =>
      sampleSum(scraped, 'dag_task_submissions_total', labels);
    expect(counted({ outcome: 'created' })).toBe(1);
    expect(counted({ outcome: 'idempotent' })).toBe(1);
    expect(counted({ outcome: 'overloaded' })).toBe(1);
    expect(counted({ outcome: 'rejected' })).toBe(4);
    for (const code of ['UNKNOWN_DEPENDENCY', 'VALIDATION_ERROR', 'UNSUPPORTED_MEDIA_TYPE', 'UNAUTHORIZED']) {
      expect(counted({ outcome: 'rejected', code }), code).toBe(1);
    }
  });
});
