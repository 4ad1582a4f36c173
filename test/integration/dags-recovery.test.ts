// What a DAG's submission workflow does when the API did not finish its part, or when tasks appeared behind the
// API's back: the workflow is started here as an API would start it, then left in the state under test.
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type SubmitDagBody, submitDagSchema } from '../../src/shared/dag-definition.js';
import type { DagMemo, DagSubmissionInput } from '../../src/shared/dag-inputs.js';
import { dagChunkSignal } from '../../src/shared/messages.js';
import { DAG_SUBMISSION_WORKFLOW_TYPE, MEMO_DAG, dagWorkflowId } from '../../src/shared/workflow-ids.js';
import { chunkBySize } from '../../src/tasks/dag-chunks.js';
import { dagContentHash, derivedDagId } from '../../src/tasks/dag-content.js';
import { topologicalOrder } from '../../src/tasks/topological-order.js';
import type { TaskInput } from '../helpers/api-client.js';
import { dagFinished, dagSettled, layeredDag } from '../helpers/dags.js';
import { expectError } from '../helpers/expect-error.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('dags-recovery');
});
afterAll(() => s?.stop());

/** The DAG as the API would have prepared it: parsed, named, ordered and chunked. */
function prepare(tasks: TaskInput[], extra: Partial<DagSubmissionInput> = {}) {
  const body: SubmitDagBody = submitDagSchema.parse({
    tasks: tasks.map((t) => ({ type: 'COMPUTE', duration_ms: 0, ...t })),
  });
  const content_hash = dagContentHash(body.tasks);
  const chunks = chunkBySize(topologicalOrder(body.tasks));
  const input: DagSubmissionInput = {
    dag_id: derivedDagId(content_hash),
    content_hash,
    created_at: new Date().toISOString(),
    task_count: body.tasks.length,
    chunk_count: chunks.length,
    completed_dependencies: [],
    relayed_dependencies: [],
    ...extra,
  };
  return { input, chunks };
}

/** Starts the submission workflow as the API does, without sending any chunk. */
function startSubmission(input: DagSubmissionInput, taskQueue = s.taskQueue) {
  const memo: DagMemo = {
    content_hash: input.content_hash,
    created_at: input.created_at,
    task_count: input.task_count,
  };
  return s.client.workflow.start(DAG_SUBMISSION_WORKFLOW_TYPE, {
    workflowId: dagWorkflowId(input.dag_id),
    taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'FAIL',
    workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    memo: { [MEMO_DAG]: memo },
  });
}

describe('an API that died before sending every chunk', () => {
  it('left no DAG and no task; the resubmission sends the chunks and every task is created once', async () => {
    const tasks = layeredDag((i) => s.id(`half-${i}`), 12);
    const { input } = prepare(tasks);
    await startSubmission(input);
    // Never acknowledged: for the client the DAG does not exist yet, and no task does either.
    expectError(await s.api.getDag(input.dag_id), 404, 'NOT_FOUND');
    expectError(await s.api.get(tasks[0]!.id), 404, 'NOT_FOUND');

    const res = await s.api.submitDag({ tasks });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.dag_id).toBe(input.dag_id);
    expect(res.body.created_at).toBe(input.created_at);
    expect(res.body.tasks.map((t) => t.id)).toEqual(tasks.map((t) => t.id));
    await dagSettled(
      s,
      input.dag_id,
      tasks.map((t) => t.id),
    );
    expect((await dagFinished(s.api, input.dag_id)).by_status.COMPLETED).toBe(12);
  });

  it('is abandoned, creating nothing, when no resubmission comes in time; a later one starts afresh', async () => {
    const tasks = layeredDag((i) => s.id(`abandoned-${i}`), 3);
    const { input, chunks } = prepare(tasks, { chunks_timeout_ms: 300 });
    const handle = await startSubmission({ ...input, chunk_count: chunks.length + 1 });
    await handle.signal(dagChunkSignal, { index: 0, tasks: chunks[0]! });
    const failure: unknown = await handle.result().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause).toMatchObject({ type: 'DAG_ABANDONED' });
    expectError(await s.api.get(tasks[0]!.id), 404, 'NOT_FOUND');
    expectError(await s.api.getDag(input.dag_id), 404, 'NOT_FOUND');

    const res = await s.api.submitDag({ tasks });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await dagSettled(
      s,
      input.dag_id,
      tasks.map((t) => t.id),
    );
  });
});

describe("chunks signalled while a worker runs the submission's first workflow task", () => {
  it('are found by GET /api/dags/:id, which waits for the task to end rather than answer 404', async () => {
    const tasks = layeredDag((i) => s.id(`in-flight-${i}`), 4);
    const { input, chunks } = prepare(tasks);
    // A queue no worker polls: this test is the worker, and holds the first workflow task while the chunks arrive.
    const taskQueue = `${s.taskQueue}-held`;
    const handle = await startSubmission(input, taskQueue);
    try {
      const { workflowService } = s.client;
      const namespace = s.client.options.namespace;
      const polled = await s.client.connection.withDeadline(Date.now() + 30_000, () =>
        workflowService.pollWorkflowTaskQueue({
          namespace,
          taskQueue: { name: taskQueue },
          identity: 'dags-recovery test',
        }),
      );
      for (const [index, chunk] of chunks.entries())
        await handle.signal(dagChunkSignal, { index, tasks: chunk });
      // The server holds the signals back until the task in flight ends: the history does not show them yet.
      const signalled = (await handle.fetchHistory()).events?.filter(
        (e) => e.workflowExecutionSignaledEventAttributes,
      );
      expect(signalled).toEqual([]);

      const read = s.api.getDag(input.dag_id);
      // The worker's task takes half a second (a slow worker); then the signals are written.
      const taskEnded = new Promise<void>((resolve, reject) =>
        setTimeout(() => {
          workflowService
            .respondWorkflowTaskCompleted({ namespace, taskToken: polled.taskToken, commands: [] })
            .then(() => resolve(), reject);
        }, 500),
      );
      const res = await read;
      await taskEnded;
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ dag_id: input.dag_id, total: tasks.length });
    } finally {
      await handle.terminate('test over');
    }
  });
});

describe('tasks created behind the API check', () => {
  it('are adopted when identical and reported as conflicts when not; the rest of the DAG is created', async () => {
    const [same, other, fresh] = [s.id('same'), s.id('other'), s.id('fresh')];
    expect((await s.api.submit({ id: same, duration_ms: 3 })).status).toBe(201);
    expect((await s.api.submit({ id: other, duration_ms: 3 })).status).toBe(201);
    // As if both had been submitted between the API's check and the submission's start.
    const tasks: TaskInput[] = [
      { id: same, duration_ms: 3 },
      { id: other, duration_ms: 4 },
      { id: fresh, dependencies: [same, other] },
    ];
    const { input, chunks } = prepare(tasks);
    const handle = await startSubmission(input);
    for (const [index, chunk] of chunks.entries())
      await handle.signal(dagChunkSignal, { index, tasks: chunk });
    expect(await handle.result()).toEqual({ existing: [same], conflicts: [other] });

    await dagSettled(s, input.dag_id, [same, other, fresh]);
    const dag = await dagFinished(s.api, input.dag_id);
    expect(dag).toMatchObject({ total: 3, by_status: { COMPLETED: 3 }, conflicts: [other] });
    expect((await s.api.get(other)).body.duration_ms).toBe(3);
  });
});

describe('a worker whose every work slot is busy', () => {
  it('still creates a DAG at once: creating tasks takes no slot of the work', async () => {
    // MAX_CONCURRENT_TASKS is 3: three long tasks take every slot.
    const long = [0, 1, 2].map((i) => s.id(`long-${i}`));
    for (const id of long) expect((await s.api.submit({ id, duration_ms: 20_000 })).status).toBe(201);
    await vi.waitFor(
      async () => {
        for (const id of long) expect((await s.api.get(id)).body.status).toBe('RUNNING');
      },
      { timeout: 15_000, interval: 200 },
    );
    const [a, b] = [s.id('a'), s.id('b')];
    const res = await s.api.submitDag({ tasks: [{ id: a }, { id: b, dependencies: [a] }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.tasks.map((t) => t.status)).toEqual(['QUEUED', 'WAITING']);
  });
});
