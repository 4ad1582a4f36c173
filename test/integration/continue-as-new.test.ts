// A task that waits while many dependents subscribe to it continues as new instead of growing its history, and
// loses neither its subscribers nor its fields on the way. The limit is lowered through the workflow input so
// that a few dependents trigger what thousands would in production.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  MEMO_SPEC,
  SearchAttributes,
  type TaskSpec,
  type TaskWorkflowInput,
  WORKFLOW_TYPE,
  taskWorkflowId,
} from '../../workflows/task-model.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

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
  const spec: TaskSpec = {
    id: s.id('waiting'),
    type: 'WAITER',
    duration_ms: 0,
    dependencies: [dependency],
    max_attempts: 3,
    fail_attempts: 0,
    created_at: new Date().toISOString(),
  };
  const input: TaskWorkflowInput = { spec, completed_dependencies: [], history_event_limit: 15 };
  const first = await s.client.workflow.start(WORKFLOW_TYPE, {
    workflowId: taskWorkflowId(spec.id),
    taskQueue: s.taskQueue,
    args: [input],
    memo: { [MEMO_SPEC]: spec },
    typedSearchAttributes: [
      { key: SearchAttributes.status, value: 'WAITING' },
      { key: SearchAttributes.type, value: spec.type },
    ],
  });

  // Each dependent's subscription adds events to the waiting task's history.
  const dependents = Array.from({ length: 20 }, (_, i) => s.id(`dependent-${i}`));
  for (const id of dependents) {
    expect((await s.api.submit({ id, dependencies: [spec.id] })).status).toBe(201);
  }

  const settled = await Promise.all(dependents.map((id) => s.settled(id)));
  expect(settled.map((t) => t.status)).toEqual(dependents.map(() => 'COMPLETED'));
  const waiting = await s.settled(spec.id);
  expect(waiting).toMatchObject({ id: spec.id, type: 'WAITER', status: 'COMPLETED', attempts: 1 });

  const description = await s.client.workflow.getHandle(taskWorkflowId(spec.id)).describe();
  expect(description.runId).not.toBe(first.firstExecutionRunId);
  expect(description.historyLength).toBeLessThan(60);
});
