// A task that waits while many dependents subscribe to it continues as new instead of growing its history, and
// loses neither its subscribers nor its fields on the way. The limit is lowered through the workflow input so
// that a few dependents trigger what thousands would in production.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { taskWorkflowId } from '../../src/shared/workflow-ids.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';
import { startTaskWorkflow } from '../helpers/start-task-workflow.js';

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('continue-as-new');
});
afterAll(async () => {
  await s?.stop();
});

it('continues a waiting task as new past its history limit, keeping subscribers and fields', async () => {
  const dependency = s.id('slow-dependency');
  expect((await s.api.submit({ id: dependency, duration_ms: 4_000 })).status).toBe(201);

  // The waiting task, started as the API would, but with a history limit of 15 events.
  const waitingId = s.id('waiting');
  const first = await startTaskWorkflow(
    s,
    { id: waitingId, type: 'WAITER', dependencies: [dependency] },
    { history_event_limit: 15 },
  );

  // Each dependent's subscription adds events to the waiting task's history.
  const dependents = Array.from({ length: 20 }, (_, i) => s.id(`dependent-${i}`));
  for (const id of dependents) {
    expect((await s.api.submit({ id, dependencies: [waitingId] })).status).toBe(201);
  }

  const settled = await Promise.all(dependents.map((id) => s.settled(id)));
  expect(settled.map((t) => t.status)).toEqual(dependents.map(() => 'COMPLETED'));
  const waiting = await s.settled(waitingId);
  expect(waiting).toMatchObject({ id: waitingId, type: 'WAITER', status: 'COMPLETED', attempts: 1 });

  const description = await s.client.workflow.getHandle(taskWorkflowId(waitingId)).describe();
  expect(description.runId).not.toBe(first.firstExecutionRunId);
  expect(description.historyLength).toBeLessThan(60);
});
