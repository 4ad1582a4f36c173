// Probes and Prometheus metrics of real API and worker processes: both are scraped before and after real tasks
// run, and the values move by what those tasks did. In-process checks of each series and probe answer:
// test/unit/api-probes-and-metrics.test.ts, readiness.test.ts, worker-health-server.test.ts, work-metrics.test.ts.
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../harness/free-port.js';
import { waitForPollers } from '../harness/task-queue-pollers.js';
import { type Sample, sampleSum, scrape } from '../helpers/prometheus-text.js';
import { type Component, startWorker } from '../helpers/processes.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
let workerHealth: string;
let workerMetrics: string;

beforeAll(async () => {
  const [healthPort, metricsPort] = [await freePort(), await freePort()];
  s = await startScheduler('health-and-metrics', {
    WORKER_HEALTH_PORT: String(healthPort),
    WORKER_METRICS_PORT: String(metricsPort),
  });
  workerHealth = `http://127.0.0.1:${healthPort}`;
  workerMetrics = `http://127.0.0.1:${metricsPort}/metrics`;
  await Promise.race([waitForPollers(s.client, s.taskQueue), s.worker.crashed]);
});
afterAll(() => s?.stop());

const json = async (url: string) => {
  const res = await fetch(url);
  const body: unknown = await res.json();
  return { status: res.status, body };
};

describe('probes', () => {
  it('answers /healthz, /readyz and /health on the API', async () => {
    for (const path of ['/healthz', '/readyz', '/health']) {
      expect(await json(`${s.api.baseUrl}${path}`), path).toEqual({ status: 200, body: { status: 'ok' } });
    }
  });

  it('answers /healthz and /readyz on the worker once it polls', async () => {
    for (const path of ['/healthz', '/readyz']) {
      expect(await json(`${workerHealth}${path}`), path).toEqual({ status: 200, body: { status: 'ok' } });
    }
  });

  it('reports a worker that cannot reach Temporal alive but not ready, on the port it reports', async () => {
    const unreachable = `127.0.0.1:${await freePort()}`; // nothing listens there
    const worker: Component = startWorker({
      temporalAddress: unreachable,
      taskQueue: `${s.taskQueue}-unreachable`,
      logName: 'health-and-metrics-unreachable-worker',
      env: { WORKER_HEALTH_PORT: '0' },
    });
    try {
      const [message] = (await Promise.race([once(worker.process, 'message'), worker.crashed])) as [
        { type: string; port: number },
      ];
      expect(message.type).toBe('health-listening');
      const url = `http://127.0.0.1:${message.port}`;
      expect(await json(`${url}/healthz`)).toEqual({ status: 200, body: { status: 'ok' } });
      expect(await json(`${url}/readyz`)).toEqual({ status: 503, body: { status: 'temporal_unreachable' } });
    } finally {
      await worker.stop('SIGKILL');
    }
  });
});

describe('metrics', () => {
  const api = () => scrape(`${s.api.baseUrl}/metrics`);
  const worker = () => scrape(workerMetrics);
  const moved = (before: Sample[], after: Sample[], name: string, labels: Record<string, string> = {}) =>
    sampleSum(after, name, labels) - sampleSum(before, name, labels);

  it('move with real tasks on the API and the worker', async () => {
    const [apiBefore, workerBefore] = await Promise.all([api(), worker()]);
    const ok = [s.id('ok-1'), s.id('ok-2'), s.id('ok-3')];
    const flaky = s.id('flaky'); // fails its first attempt, completes on the second
    const doomed = s.id('doomed'); // fails both of its attempts
    for (const id of ok) expect((await s.api.submit({ id, duration_ms: 50 })).status).toBe(201);
    expect((await s.api.submit({ id: flaky, fail_attempts: 1 })).status).toBe(201);
    expect((await s.api.submit({ id: doomed, fail_attempts: 2, max_attempts: 2 })).status).toBe(201);
    expect((await s.api.submit({ id: ok[0]!, duration_ms: 50 })).status).toBe(200);
    expect((await s.api.submit({ id: ok[1]!, duration_ms: 99 })).status).toBe(409);
    expect((await s.api.submit({ id: s.id('orphan'), dependencies: [s.id('nope')] })).status).toBe(422);
    for (const id of [...ok, flaky, doomed]) await s.settled(id);
    const [apiAfter, workerAfter] = await Promise.all([api(), worker()]);

    const submissions = (labels: Record<string, string>) =>
      moved(apiBefore, apiAfter, 'dag_task_submissions_total', labels);
    expect(submissions({ outcome: 'created' })).toBe(5);
    expect(submissions({ outcome: 'idempotent' })).toBe(1);
    expect(submissions({ outcome: 'rejected', code: 'TASK_EXISTS' })).toBe(1);
    expect(submissions({ outcome: 'rejected', code: 'UNKNOWN_DEPENDENCY' })).toBe(1);
    const requests = (labels: Record<string, string>) =>
      moved(apiBefore, apiAfter, 'dag_http_request_duration_seconds_count', labels);
    expect(requests({ method: 'POST', route: '/api/tasks', status: '201' })).toBe(5);
    expect(requests({ method: 'GET', route: '/api/tasks/:id', status: '200' })).toBe(5); // settled() reads
    // The tasks by status come from visibility, which lags a little behind the completions.
    await expect
      .poll(async () => sampleSum(await api(), 'dag_tasks', { status: 'COMPLETED' }), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(sampleSum(apiBefore, 'dag_tasks', { status: 'COMPLETED' }) + 4);

    const work = (name: string, outcome: string) => moved(workerBefore, workerAfter, name, { outcome });
    expect(work('dag_task_work_duration_seconds_count', 'completed')).toBe(4);
    expect(work('dag_task_work_duration_seconds_count', 'failed')).toBe(3);
    expect(work('dag_task_work_duration_seconds_sum', 'completed')).toBeGreaterThanOrEqual(0.15);
    expect(work('dag_task_attempts_count', 'completed')).toBe(4);
    expect(work('dag_task_attempts_sum', 'completed')).toBe(5); // three first attempts and flaky's second
    expect(work('dag_task_attempts_count', 'failed')).toBe(1);
    expect(work('dag_task_attempts_sum', 'failed')).toBe(2);

    // The SDK's own metrics, from its exporter on the same port: slots, polls, schedule-to-start.
    const sdk = (name: string, labels: Record<string, string> = {}) =>
      moved(workerBefore, workerAfter, name, labels);
    expect(sdk('temporal_activity_execution_latency_count', { task_queue: s.taskQueue })).toBe(7);
    expect(sdk('temporal_activity_schedule_to_start_latency_count', { task_queue: s.taskQueue })).toBe(7);
    expect(sdk('temporal_workflow_task_schedule_to_start_latency_count')).toBeGreaterThan(0);
    const poll = { operation: 'PollActivityTaskQueue', task_queue: s.taskQueue };
    expect(sdk('temporal_long_request_latency_count', poll)).toBeGreaterThanOrEqual(7);
    expect(sampleSum(workerAfter, 'temporal_worker_task_slots_available')).toBeGreaterThan(0);
  });
});
