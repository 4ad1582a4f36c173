// ADMISSION_MAX_RATE: past the rate a submission answers 429 with a Retry-After, creates nothing, and a client that
// retries after Retry-After, as docs/api.md tells it to, is accepted exactly once.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { taskWorkflowId } from '../../src/shared/workflow-ids.js';
import { dagSettled } from '../helpers/dags.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

const RATE = 10;
const DAG_SIZE = 40;

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('admission-rate', { ADMISSION_MAX_RATE: String(RATE) });
});
afterAll(() => s?.stop());

it('a DAG takes a token per task; what follows is refused with the time its debt takes, then accepted once', async () => {
  const dagId = s.id('dag');
  const tasks = Array.from({ length: DAG_SIZE }, (_, i) => ({ id: `${dagId}-${i}` }));
  const admittedAt = Date.now();
  expect((await s.api.submitDag({ dag_id: dagId, tasks })).status).toBeLessThan(300);

  // The DAG left the bucket about DAG_SIZE - RATE tokens in debt: 3 s at 10/s, whatever the machine's speed.
  const id = s.id('after-dag');
  const refused = await s.api.submit({ id });
  expect(refused.status).toBe(429);
  expect(refused.body).toMatchObject({ error: { code: 'OVERLOADED' } });
  expect((refused.body as { error: { message: string } }).error.message).toContain(`${RATE} new tasks/s`);
  const retryAfter = Number(refused.headers.get('retry-after'));
  const debtSeconds = (DAG_SIZE - RATE) / RATE;
  expect(retryAfter).toBeGreaterThanOrEqual(Math.ceil(debtSeconds - (Date.now() - admittedAt) / 1_000));
  expect(retryAfter).toBeLessThanOrEqual(Math.ceil(debtSeconds) + 1);
  expect((await s.api.get(id)).status).toBe(404);
  const workflows = () => s.client.workflow.count(`WorkflowId = '${taskWorkflowId(id)}'`);
  expect((await workflows()).count).toBe(0);

  // The client does what the answer says: waits Retry-After, retries (again on 429), then once more as if the
  // acknowledgement was lost.
  let answer = refused;
  let attempts = 1;
  while (answer.status === 429) {
    await sleep(Number(answer.headers.get('retry-after')) * 1_000);
    answer = await s.api.submit({ id });
    attempts += 1;
  }
  expect(answer.status).toBe(201);
  expect(attempts).toBeLessThanOrEqual(3);
  expect((await s.api.submit({ id })).status).toBe(200);
  expect(await s.settled(id)).toMatchObject({ status: 'COMPLETED', attempts: 1 });
  expect((await workflows()).count).toBe(1);
  const settled = await dagSettled(
    s,
    dagId,
    tasks.map((t) => t.id),
  );
  expect(settled.every((t) => t.status === 'COMPLETED')).toBe(true);
});
