// kill -9 of the API, then of the worker, in the middle of the submission of a 2,000-task DAG: after a
// resubmission every task exists exactly once and completes, in dependency order.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Dag } from '../../src/shared/dag-definition.js';
import type { Task } from '../../src/shared/task-definition.js';
import { SearchAttributes } from '../../src/shared/task-search-attributes.js';
import { dagWorkflowId, taskIdFromWorkflowId } from '../../src/shared/workflow-ids.js';
import { ApiClient, type TaskInput } from '../helpers/api-client.js';
import { dagFinished, expectDependencyOrder } from '../helpers/dags.js';
import { startApi, startWorker } from '../helpers/processes.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
beforeAll(async () => {
  // Admission control off: the resubmitted DAG's 2,000 tasks can be QUEUED at once, at the default backlog limit.
  // This file is about crash recovery; admission has its own (test/faults/admission.test.ts).
  s = await startScheduler('dag-kills', { MAX_CONCURRENT_TASKS: '20', ADMISSION_MAX_QUEUED: '0' });
});
afterAll(async () => {
  await s?.stop();
});

const TASKS = 2_000;

/** A wide DAG of depth 4: task i depends on its parent (i-1)/10 and on the parent's predecessor, as a join. */
function wideDag(label: string): TaskInput[] {
  const ids = Array.from({ length: TASKS }, (_, i) => s.id(`${label}-${i}`));
  return ids.map((id, i) => {
    const parent = Math.floor((i - 1) / 10);
    return { id, dependencies: i === 0 ? [] : [...new Set([ids[parent]!, ids[Math.max(0, parent - 1)]!])] };
  });
}

/** Task workflows (every run) that carry the DAG's id, by task id. */
async function runsByTask(dagId: string): Promise<Map<string, number>> {
  const runs = new Map<string, number>();
  for await (const execution of s.client.workflow.list({
    query: `${SearchAttributes.dag.name} = '${dagId}'`,
  })) {
    const id = taskIdFromWorkflowId(execution.workflowId);
    runs.set(id, (runs.get(id) ?? 0) + 1);
  }
  return runs;
}

/** Resolves once at least `count` of the DAG's task workflows exist (visibility, polled). */
function tasksExist(dagId: string, count: number): Promise<void> {
  return vi.waitFor(
    async () => {
      const { count: existing } = await s.client.workflow.count(`${SearchAttributes.dag.name} = '${dagId}'`);
      expect(existing).toBeGreaterThanOrEqual(count);
    },
    { timeout: 60_000, interval: 20 },
  );
}

/** Resubmits the DAG (201, 200 or 202), then follows it until it finished; returns its tasks. */
async function resubmitUntilFinished(api: ApiClient, dag: { dag_id: string; tasks: TaskInput[] }) {
  const res = await api.submitDag(dag);
  expect([200, 201, 202], JSON.stringify(res.body).slice(0, 500)).toContain(res.status);
  expect(res.headers.get('location')).toBe(`/api/dags/${dag.dag_id}`);
  const finished: Dag = await dagFinished(api, dag.dag_id, 240_000);
  const tasks: Task[] = [];
  for (const { id } of dag.tasks) {
    const task = await api.get(id);
    expect(task.status).toBe(200);
    tasks.push(task.body);
  }
  return { finished, tasks };
}

/** Every task exists exactly once (one workflow run, no duplicate), completed, after its dependencies. */
async function expectEveryTaskOnce(
  dag: { dag_id: string; tasks: TaskInput[] },
  finished: Dag,
  tasks: Task[],
) {
  expect(finished).toMatchObject({ status: 'SUBMITTED', total: TASKS, conflicts: [] });
  expect(finished.by_status.COMPLETED).toBe(TASKS);
  expect(tasks.filter((t) => t.status !== 'COMPLETED').map((t) => t.id)).toEqual([]);
  expectDependencyOrder(tasks);
  const runs = await runsByTask(dag.dag_id);
  expect(runs.size).toBe(TASKS);
  expect([...runs].filter(([, n]) => n !== 1)).toEqual([]);
}

it('creates a 2,000-task DAG exactly once when the API is killed mid-submission', async () => {
  const dag = { dag_id: s.id('api-killed'), tasks: wideDag('api') };
  const answer = s.api.submitDag(dag).then(
    (res) => res.status,
    () => 'no answer', // the connection dies with the API
  );
  // The submission has begun creating tasks, and the API is still waiting for them when it dies.
  await tasksExist(dag.dag_id, 1);
  s.apiProcess.process.kill('SIGKILL');
  expect(await answer).toBe('no answer');
  const created = (await runsByTask(dag.dag_id)).size;
  expect(created).toBeLessThan(TASKS);

  const restarted = await startApi({
    temporalAddress: s.temporalAddress,
    taskQueue: s.taskQueue,
    logName: `dag-kills-api-restarted-${s.taskQueue}`,
  });
  const { finished, tasks } = await resubmitUntilFinished(new ApiClient(restarted.url), dag);
  await expectEveryTaskOnce(dag, finished, tasks);
}, 360_000);

it('creates a 2,000-task DAG exactly once when the worker starting its tasks is killed', async () => {
  const dag = { dag_id: s.id('worker-killed'), tasks: wideDag('worker') };
  const api = new ApiClient(
    (
      await startApi({
        temporalAddress: s.temporalAddress,
        taskQueue: s.taskQueue,
        logName: `dag-kills-api-2-${s.taskQueue}`,
      })
    ).url,
  );
  const submitted = await api.request('POST', '/api/dags', {
    headers: { 'content-type': 'application/json', prefer: 'respond-async' },
    body: JSON.stringify({
      ...dag,
      tasks: dag.tasks.map((t) => ({ type: 'COMPUTE', duration_ms: 0, ...t })),
    }),
  });
  expect(submitted.status).toBe(202);
  // Half-way through the batches that start the tasks, their worker dies; a new one replays the submission from
  // its history, where every completed batch is recorded, and goes on with the next.
  await tasksExist(dag.dag_id, TASKS / 4);
  s.worker.process.kill('SIGKILL');
  expect((await runsByTask(dag.dag_id)).size).toBeLessThan(TASKS);
  startWorker({
    temporalAddress: s.temporalAddress,
    taskQueue: s.taskQueue,
    env: { MAX_CONCURRENT_TASKS: '20' },
    logName: `dag-kills-worker-restarted-${s.taskQueue}`,
  });
  const { finished, tasks } = await resubmitUntilFinished(api, dag);
  await expectEveryTaskOnce(dag, finished, tasks);

  // The kill interrupted the submission: its workflow task timed out and ran again on the new worker.
  const history = await s.client.workflow.getHandle(dagWorkflowId(dag.dag_id)).fetchHistory();
  expect(history.events?.some((e) => e.workflowTaskTimedOutEventAttributes)).toBe(true);
}, 360_000);
