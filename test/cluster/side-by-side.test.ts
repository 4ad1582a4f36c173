// Two APIs and two workers on one task queue of the cluster: the workers share the work, no task runs twice, and
// each worker holds its own cap (read from the history: which worker started each attempt).
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Task } from '../../src/shared/task-definition.js';
import { taskWorkflowId } from '../../src/shared/workflow-ids.js';
import { type SchedulerProcesses, startSchedulerProcesses } from '../harness/scheduler-processes.js';
import { ApiClient } from '../helpers/api-client.js';
import { maxOverlap } from '../helpers/overlap.js';
import { testLogDir } from '../helpers/processes.js';

const CAP = 2;
const TASKS = 24;
const runId = randomUUID().slice(0, 8);
let connection: Connection;
let client: Client;
let processes: SchedulerProcesses;
let apis: [ApiClient, ApiClient];

beforeAll(async () => {
  const temporalAddress = inject('temporalAddress');
  connection = await Connection.connect({ address: temporalAddress });
  client = new Client({ connection });
  processes = await startSchedulerProcesses({
    temporalAddress,
    taskQueue: `test-side-by-side-${runId}`,
    env: { MAX_CONCURRENT_TASKS: String(CAP) },
    label: `side-by-side-${runId}`,
    logDir: testLogDir,
    workers: 2,
    apis: 2,
    pollersClient: client,
  });
  apis = [new ApiClient(processes.apis[0]!.url), new ApiClient(processes.apis[1]!.url)];
});
afterAll(async () => {
  await processes?.stop();
  await connection?.close();
});

/** The identity (`<pid>@<host>`) of the worker that ran each attempt of the task's work, from its history. */
async function attemptWorkers(id: string): Promise<string[]> {
  const history = await client.workflow.getHandle(taskWorkflowId(id)).fetchHistory();
  return (history.events ?? []).flatMap((e) =>
    e.activityTaskStartedEventAttributes ? [e.activityTaskStartedEventAttributes.identity ?? ''] : [],
  );
}

it('shares the work between two workers, runs every task once, and holds the cap per worker', async () => {
  const ids = Array.from({ length: TASKS }, (_, i) => `side-${runId}-${i}`);
  const answers = await Promise.all(ids.map((id, i) => apis[i % 2]!.submit({ id, duration_ms: 1_000 })));
  for (const a of answers) expect(a.status).toBe(201);

  await Promise.all(ids.map((id) => client.workflow.getHandle(taskWorkflowId(id)).result()));
  // Each API reads every task the same way, whichever API took it.
  const tasks: Task[] = [];
  for (const [i, id] of ids.entries()) {
    const [mine, other] = [await apis[i % 2]!.get(id), await apis[(i + 1) % 2]!.get(id)];
    expect(other.body).toEqual(mine.body);
    expect(mine.body).toMatchObject({ status: 'COMPLETED', attempts: 1 });
    tasks.push(mine.body);
  }

  const byWorker = new Map<string, Task[]>();
  for (const [i, id] of ids.entries()) {
    const workers = await attemptWorkers(id);
    expect(workers, id).toHaveLength(1); // started once: no task ran twice
    byWorker.set(workers[0]!, [...(byWorker.get(workers[0]!) ?? []), tasks[i]!]);
  }
  expect(byWorker.size).toBe(2);
  for (const [worker, ran] of byWorker) {
    expect(ran.length, worker).toBeGreaterThan(0);
    expect(maxOverlap(ran), worker).toBeLessThanOrEqual(CAP);
  }
  // Together they ran more at once than one worker may.
  expect(maxOverlap(tasks)).toBeGreaterThan(CAP);
});
