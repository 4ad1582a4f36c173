// A task with many dependents hands their subscriptions to its relay workflow once its own history is long, so its
// history stays bounded even while its work runs (when it cannot continue as new). The threshold is lowered to a
// few dozen events so that tens of dependents trigger what thousands would in production.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MEMO_SPEC,
  SearchAttributes,
  type TaskSpec,
  type TaskWorkflowInput,
  WORKFLOW_TYPE,
  relayWorkflowId,
  taskWorkflowId,
} from '../../workflows/task-model.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

const RELAY_AFTER_HISTORY_EVENTS = 20;
/**
 * Subscriptions that reach the task directly after its history crossed the threshold: those submitted while the
 * API's describe of it was already stale (the subscription lands a few hundred ms after the describe), up to 4
 * events each.
 */
const STALE_SUBSCRIPTION_EVENTS = 50;

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('dependents-relay', {
    RELAY_AFTER_HISTORY_EVENTS: String(RELAY_AFTER_HISTORY_EVENTS),
    MAX_CONCURRENT_TASKS: '20',
  });
});
afterAll(async () => {
  await s?.stop();
});

/** Submits `count` dependents of `dependency` one after another, while the dependency's work runs. */
async function submitDependents(dependency: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => s.id(`dependent-${i}`));
  for (const id of ids) {
    expect((await s.api.submit({ id, dependencies: [dependency] })).status).toBe(201);
  }
  return ids;
}

describe('a task with more dependents than its history should hold', () => {
  it('passes its outcome to every dependent through the relay, with its own history bounded', async () => {
    const root = s.id('root');
    expect((await s.api.submit({ id: root, duration_ms: 8_000 })).status).toBe(201);
    const dependents = await submitDependents(root, 100);

    const rootTask = await s.settled(root);
    expect(rootTask.status).toBe('COMPLETED');
    const settled = await Promise.all(dependents.map((id) => s.settled(id)));
    for (const task of settled) {
      expect(task.status).toBe('COMPLETED');
      expect(Date.parse(task.started_at!)).toBeGreaterThanOrEqual(Date.parse(rootTask.completed_at!));
    }

    // Without the relay every subscription (1 to 4 events each) would land in the root's history: 110+ events.
    // With it, only those submitted before the threshold was crossed do, plus the relay's own subscription.
    const rootHistory = (await s.client.workflow.getHandle(taskWorkflowId(root)).describe()).historyLength;
    expect(rootHistory).toBeLessThan(RELAY_AFTER_HISTORY_EVENTS + STALE_SUBSCRIPTION_EVENTS);
    const relay = await s.client.workflow.getHandle(relayWorkflowId(root)).describe();
    expect(relay.status.name).toBe('COMPLETED');
  });

  it('fails every relayed dependent when the task fails', async () => {
    const root = s.id('failing-root');
    const submitted = await s.api.submit({ id: root, duration_ms: 5_000, max_attempts: 1, fail_attempts: 1 });
    expect(submitted.status).toBe(201);
    const dependents = await submitDependents(root, 40);

    expect((await s.settled(root)).status).toBe('FAILED');
    const settled = await Promise.all(dependents.map((id) => s.settled(id)));
    for (const task of settled) {
      expect(task).toMatchObject({ status: 'FAILED', error: { code: 'DEPENDENCY_FAILED' } });
    }
    const relay = await s.client.workflow.getHandle(relayWorkflowId(root)).describe();
    expect(relay.status.name).toBe('COMPLETED');
  });

  it('answers a dependent that subscribes through the relay after the task and its relay closed', async () => {
    const root = s.id('closed-root');
    expect((await s.api.submit({ id: root })).status).toBe(201);
    expect((await s.settled(root)).status).toBe('COMPLETED');

    // Started as the API would for a long-history dependency it still saw open: the relay does not run yet, so
    // signal-with-start starts one, which finds the task closed and answers at once.
    const spec: TaskSpec = {
      id: s.id('late-dependent'),
      type: 'COMPUTE',
      duration_ms: 0,
      dependencies: [root],
      max_attempts: 3,
      fail_attempts: 0,
      created_at: new Date().toISOString(),
    };
    const input: TaskWorkflowInput = { spec, completed_dependencies: [], relayed_dependencies: [root] };
    await s.client.workflow.start(WORKFLOW_TYPE, {
      workflowId: taskWorkflowId(spec.id),
      taskQueue: s.taskQueue,
      args: [input],
      memo: { [MEMO_SPEC]: spec },
      typedSearchAttributes: [
        { key: SearchAttributes.status, value: 'WAITING' },
        { key: SearchAttributes.type, value: spec.type },
      ],
    });
    expect((await s.settled(spec.id)).status).toBe('COMPLETED');
    const relay = s.client.workflow.getHandle(relayWorkflowId(root));
    await relay.result();
    expect((await relay.describe()).status.name).toBe('COMPLETED');
  });
});
