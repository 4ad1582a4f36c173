// A task with many dependents hands their subscriptions to its relay workflow once its own history is long, so its
// history stays bounded even while its work runs (when it cannot continue as new). The threshold is lowered to a
// few dozen events so that tens of dependents trigger what thousands would in production.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { relayWorkflowId, taskWorkflowId } from '../../src/shared/workflow-ids.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';
import { startTaskWorkflow } from '../helpers/start-task-workflow.js';

const RELAY_AFTER_HISTORY_EVENTS = 20;
const DEPENDENTS = 100;
/** Submitted before the task's history is known to be long: these may reach the task itself. */
const EARLY_DEPENDENTS = 10;

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
  const ids = Array.from({ length: count }, () => s.id('dependent'));
  for (const id of ids) {
    expect((await s.api.submit({ id, dependencies: [dependency] })).status).toBe(201);
  }
  return ids;
}

/**
 * Submits DEPENDENTS dependents of `dependency`: EARLY_DEPENDENTS first, then, once the dependency's history is
 * longer than the threshold (describe, which the API also reads, is strongly consistent), the rest. How many of
 * the first reach the task directly depends on how fast its worker writes their subscriptions (a signal that
 * arrives during a workflow task is written when that task ends); every later one must go to the relay.
 */
async function submitDependentsAround(dependency: string): Promise<string[]> {
  const early = await submitDependents(dependency, EARLY_DEPENDENTS);
  const handle = s.client.workflow.getHandle(taskWorkflowId(dependency));
  await vi.waitFor(
    async () => expect((await handle.describe()).historyLength).toBeGreaterThan(RELAY_AFTER_HISTORY_EVENTS),
    { timeout: 15_000, interval: 100 },
  );
  return [...early, ...(await submitDependents(dependency, DEPENDENTS - EARLY_DEPENDENTS))];
}

/** The `subscribe` signals each run of a workflow received, from its history. */
async function subscriptionsReceived(workflowId: string): Promise<number> {
  let count = 0;
  for await (const run of s.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    const history = await s.client.workflow.getHandle(workflowId, run.runId).fetchHistory();
    const signals = history.events?.map((e) => e.workflowExecutionSignaledEventAttributes?.signalName);
    count += signals?.filter((name) => name === 'subscribe').length ?? 0;
  }
  return count;
}

/**
 * Every dependent subscribed exactly once, to the task or to its relay (which subscribed to the task once itself),
 * and every one submitted after the task's history was long went to the relay.
 */
async function expectLaterSubscriptionsRelayed(taskId: string): Promise<void> {
  const direct = await subscriptionsReceived(taskWorkflowId(taskId));
  const relayed = await subscriptionsReceived(relayWorkflowId(taskId));
  console.info(`${taskId}: ${direct} subscriptions reached the task, ${relayed} its relay`);
  expect(direct + relayed).toBe(DEPENDENTS + 1);
  expect(relayed).toBeGreaterThanOrEqual(DEPENDENTS - EARLY_DEPENDENTS);
  expect(direct).toBeLessThanOrEqual(EARLY_DEPENDENTS + 1);
}

describe('a task with more dependents than its history should hold', () => {
  it('passes its outcome to every dependent through the relay while its work runs', async () => {
    // The work outlasts the submissions even on a slow machine: every dependent subscribes while it runs.
    const root = s.id('root');
    expect((await s.api.submit({ id: root, duration_ms: 20_000 })).status).toBe(201);
    const dependents = await submitDependentsAround(root);

    const rootTask = await s.settled(root);
    expect(rootTask.status).toBe('COMPLETED');
    const settled = await Promise.all(dependents.map((id) => s.settled(id)));
    for (const task of settled) {
      expect(task.status).toBe('COMPLETED');
      expect(Date.parse(task.started_at!)).toBeGreaterThanOrEqual(Date.parse(rootTask.completed_at!));
    }
    // Without the relay all 100 would land in the root's history (310 events, measured), which a running task
    // cannot shed.
    await expectLaterSubscriptionsRelayed(root);
    // The root knows its relayed dependents too (GET /api/tasks/:id/dependents asks the relay).
    const known = await s.api.dependents(root, { limit: 1_000 });
    expect(known.body.tasks.map((t) => t.id).sort()).toEqual([...dependents].sort());
  });

  it('fails every relayed dependent when the task fails', async () => {
    // The root waits on a slow gate while its dependents subscribe, then fails its only attempt.
    const gate = s.id('gate');
    expect((await s.api.submit({ id: gate, duration_ms: 20_000 })).status).toBe(201);
    const root = s.id('failing-root');
    const submitted = await s.api.submit({
      id: root,
      dependencies: [gate],
      max_attempts: 1,
      fail_attempts: 1,
    });
    expect(submitted.status).toBe(201);
    const dependents = await submitDependentsAround(root);

    expect((await s.settled(root)).status).toBe('FAILED');
    const settled = await Promise.all(dependents.map((id) => s.settled(id)));
    for (const task of settled) {
      expect(task).toMatchObject({ status: 'FAILED', error: { code: 'DEPENDENCY_FAILED' } });
    }
    await expectLaterSubscriptionsRelayed(root);
  });

  it('answers a dependent that subscribes through the relay after the task and its relay closed', async () => {
    const root = s.id('closed-root');
    expect((await s.api.submit({ id: root })).status).toBe(201);
    expect((await s.settled(root)).status).toBe('COMPLETED');

    // Started as the API would for a long-history dependency it still saw open: the relay does not run yet, so
    // signal-with-start starts one, which finds the task closed and answers at once.
    const lateId = s.id('late-dependent');
    await startTaskWorkflow(s, { id: lateId, dependencies: [root] }, { relayed_dependencies: [root] });
    expect((await s.settled(lateId)).status).toBe('COMPLETED');
    const relay = s.client.workflow.getHandle(relayWorkflowId(root));
    await relay.result();
    expect((await relay.describe()).status.name).toBe('COMPLETED');
  });
});
