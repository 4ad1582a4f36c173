// 1,000 submissions from 100 concurrent clients: every one is answered (no error, no dropped connection), and
// /api/stats stays responsive meanwhile. Latencies are reported, not asserted: speed goals live in the benchmark.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { percentiles } from '../../bench/percentiles.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('load', { MAX_CONCURRENT_TASKS: '50' });
});
afterAll(async () => {
  await s?.stop();
});

const SUBMISSIONS = 1_000;
const CLIENTS = 100;

it(
  `answers ${SUBMISSIONS} submissions from ${CLIENTS} concurrent clients`,
  { timeout: 300_000 },
  async () => {
    const ids = Array.from({ length: SUBMISSIONS }, (_, i) => s.id(`load-${i}`));
    const submitLatencies: number[] = [];
    const statuses: number[] = [];
    let next = 0;
    const clients = Array.from({ length: CLIENTS }, async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        const started = performance.now();
        const res = await s.api.submit({ id });
        submitLatencies.push(performance.now() - started);
        statuses.push(res.status);
      }
    });

    // Meanwhile a monitoring client reads stats back to back.
    const statsLatencies: number[] = [];
    const statsStatuses: number[] = [];
    let submitting = true;
    const monitor = (async () => {
      while (submitting) {
        const started = performance.now();
        const res = await s.api.stats();
        statsLatencies.push(performance.now() - started);
        statsStatuses.push(res.status);
      }
    })();
    await Promise.all(clients);
    submitting = false;
    await monitor;

    expect(statuses.filter((status) => status !== 201)).toEqual([]);
    expect(statsStatuses.filter((status) => status !== 200)).toEqual([]);
    expect(statsLatencies.length).toBeGreaterThan(10);
    const submit = percentiles(submitLatencies);
    const stats = percentiles(statsLatencies);
    console.info(
      `submit latency p50 ${submit.p50?.toFixed(0)} ms p99 ${submit.p99?.toFixed(0)} ms; ` +
        `stats latency p50 ${stats.p50?.toFixed(0)} ms p99 ${stats.p99?.toFixed(0)} ms (${stats.count} reads)`,
    );
  },
);
