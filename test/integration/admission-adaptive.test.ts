// ADMISSION_SLOW_SUBMIT_MS: once the engine answers workflow starts slowly, the API admits fewer new tasks per second
// and refuses the rest with 429 and a Retry-After; a refused task does not exist, and its retry is accepted once.
// The engine is a real dev server; this API reaches it through a proxy that holds back what it sends, so that its
// starts take as long as on a saturated engine, without saturating the machine the suite shares. The worker (and
// the scheduler's own API, used here only to read) connect directly.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { taskWorkflowId } from '../../src/shared/workflow-ids.js';
import { type DelayingProxy, startDelayingProxy } from '../harness/delaying-proxy.js';
import { ApiClient, type ApiResponse } from '../helpers/api-client.js';
import { startApi } from '../helpers/processes.js';
import { sampleSum, scrape } from '../helpers/prometheus-text.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

/** The API's adaptive rate before its first reading (AdmissionControl's ADAPTIVE_INITIAL_RATE). */
const INITIAL_RATE = 50;
const SLOW_AFTER_MS = 50;
/** Far above the threshold on any machine: the starts' median must read as slow. */
const ENGINE_DELAY_MS = 400;

let proxy: DelayingProxy;
let s: Scheduler;
/** The API under test: adaptive rate on, behind the proxy. */
let api: ApiClient;
beforeAll(async () => {
  proxy = await startDelayingProxy(inject('temporalAddress'));
  s = await startScheduler('admission-adaptive');
  const slowed = await startApi({
    temporalAddress: proxy.address,
    taskQueue: s.taskQueue,
    env: { ADMISSION_SLOW_SUBMIT_MS: String(SLOW_AFTER_MS) },
    logName: 'admission-adaptive-slowed-api',
  });
  api = new ApiClient(slowed.url);
});
afterAll(async () => {
  await s?.stop(); // and the slowed API: every process the file started
  await proxy?.close();
});

const admittedRate = async () => sampleSum(await scrape(`${api.baseUrl}/metrics`), 'dag_admission_rate');

/** Submits `count` tasks at once; the ids with their answers. */
async function submitAtOnce(label: string, count: number) {
  const ids = Array.from({ length: count }, (_, i) => s.id(`${label}-${i}`));
  const answers = await Promise.all(ids.map((id) => api.submit({ id })));
  return ids.map((id, i) => ({ id, answer: answers[i]! }));
}

/** The rate is adjusted once per second, from the starts of the second before: let the current one end. */
const nextSecond = () => sleep(1_100);

it('cuts the admitted rate when starts slow down, refuses past it, and accepts each refused task once', async () => {
  expect(await admittedRate()).toBe(INITIAL_RATE);
  const fast = await submitAtOnce('fast', 10); // the quiet baseline
  expect(fast.every((f) => f.answer.status === 201)).toBe(true);
  await nextSecond();
  expect(await admittedRate()).toBe(INITIAL_RATE); // fast and nobody refused: unchanged

  proxy.setDelay(ENGINE_DELAY_MS);
  const slow = await submitAtOnce('slow', 10);
  expect(slow.every((f) => f.answer.status === 201)).toBe(true);
  await nextSecond();
  const cut = await admittedRate();
  expect(cut).toBeLessThan(INITIAL_RATE);
  expect(cut).toBeGreaterThanOrEqual(INITIAL_RATE * 0.7); // by 30 % at most in one step

  // Twice what the cut rate admits in a second, at once: past one second's worth (plus what refills while the
  // requests arrive) they are refused before any Temporal call.
  const burstStart = performance.now();
  const burst = await submitAtOnce('burst', 2 * Math.ceil(cut) + 10);
  const burstSeconds = (performance.now() - burstStart) / 1_000;
  const refused = burst.filter((b) => b.answer.status === 429);
  const admitted = burst.filter((b) => b.answer.status === 201);
  expect(admitted.length + refused.length).toBe(burst.length);
  expect(admitted.length).toBeLessThanOrEqual(Math.ceil(cut * (1 + burstSeconds)) + 1);
  expect(refused.length).toBeGreaterThan(0);
  for (const { answer } of refused) {
    expect(answer.body).toMatchObject({ error: { code: 'OVERLOADED' } });
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  }
  proxy.setDelay(0);
  const exists = (id: string) => s.client.workflow.count(`WorkflowId = '${taskWorkflowId(id)}'`);
  for (const { id } of refused) {
    expect((await s.api.get(id)).status).toBe(404);
    expect((await exists(id)).count).toBe(0);
  }

  // Each refused client waits its Retry-After and retries until accepted, then once more as if the answer was lost
  // (that resubmission, too, may meet a 429 first: admission comes before the duplicate is recognised).
  const submitUntilAnswered = async (id: string, first?: ApiResponse<unknown>) => {
    let answer = first ?? (await api.submit({ id }));
    while (answer.status === 429) {
      await sleep(Number(answer.headers.get('retry-after')) * 1_000);
      answer = await api.submit({ id });
    }
    return answer.status;
  };
  await Promise.all(
    refused.map(async ({ id, answer }) => {
      expect(await submitUntilAnswered(id, answer)).toBe(201);
      expect(await submitUntilAnswered(id)).toBe(200);
    }),
  );
  for (const { id } of [...fast, ...slow, ...burst]) {
    expect(await s.settled(id)).toMatchObject({ status: 'COMPLETED', attempts: 1 });
  }
  for (const { id } of refused) expect((await exists(id)).count).toBe(1);
});
