// Faults of the engine itself, on a cluster of its own: kill -9 of the Temporal server and a fast restart of
// PostgreSQL, each in the middle of a running DAG. Every acknowledged task completes, none runs before its
// dependencies, the API answers 503 (never a 500) while the engine is away, and nothing is restarted but the engine.
import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Task } from '../../src/shared/task-definition.js';
import { taskWorkflowId } from '../../src/shared/workflow-ids.js';
import { type SchedulerProcesses, startSchedulerProcesses } from '../harness/scheduler-processes.js';
import { ApiClient, type TaskInput } from '../helpers/api-client.js';
import { testLogDir } from '../helpers/processes.js';
import { type ClusterFixture, startTestCluster } from './cluster-fixture.js';

const runId = randomUUID().slice(0, 8);
let fixture: ClusterFixture;
let connection: Connection;
let client: Client;
let processes: SchedulerProcesses;
let api: ApiClient;
/** Every answer the API gave while a fault was under way, by status. */
const statusesDuringFaults = new Map<number, number>();

beforeAll(async () => {
  fixture = await startTestCluster('faults');
  connection = await Connection.connect({ address: fixture.cluster.address });
  client = new Client({ connection });
  processes = await startSchedulerProcesses({
    temporalAddress: fixture.cluster.address,
    taskQueue: `test-engine-faults-${runId}`,
    env: { MAX_CONCURRENT_TASKS: '4' },
    label: `engine-faults-${runId}`,
    logDir: testLogDir,
    pollersClient: client,
  });
  api = new ApiClient(processes.api.url);
});
afterAll(async () => {
  await processes?.stop();
  await connection?.close();
  await fixture?.dispose();
});

/** A DAG of `size` tasks: task i depends on tasks i-1 and i-3 (where they exist). */
function wave(name: string, size: number): TaskInput[] {
  const id = (i: number) => `${name}-${runId}-${i}`;
  return Array.from({ length: size }, (_, i) => ({
    id: id(i),
    duration_ms: 300,
    dependencies: [i - 1, i - 3].filter((d) => d >= 0).map(id),
  }));
}

/** Submits as a client that follows the README: retry on 503 and 429 (after Retry-After) until acknowledged. */
async function submitAcknowledged(task: TaskInput, duringFault: () => boolean): Promise<void> {
  for (let tries = 0; tries < 600; tries += 1) {
    const answer = await api.submit(task).catch(() => undefined); // a dropped connection: retry
    if (answer && duringFault())
      statusesDuringFaults.set(answer.status, (statusesDuringFaults.get(answer.status) ?? 0) + 1);
    if (answer && (answer.status === 201 || answer.status === 200)) return;
    if (answer && answer.status !== 503 && answer.status !== 429) {
      throw new Error(`submitting ${task.id} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    const retryAfter = Number(answer?.headers.get('retry-after') ?? '0.2');
    await new Promise((resolve) => setTimeout(resolve, Math.min(retryAfter, 1) * 1_000));
  }
  throw new Error(`submitting ${task.id}: never acknowledged`);
}

/** Submits the tasks in order (dependencies first) while `fault` runs once half of them are acknowledged. */
async function submitAcross(tasks: TaskInput[], fault: () => Promise<void>): Promise<void> {
  let faulting = false;
  let faultDone: Promise<void> | undefined;
  for (const [i, task] of tasks.entries()) {
    if (i === Math.floor(tasks.length / 2)) {
      faulting = true;
      faultDone = fault().finally(() => (faulting = false));
    }
    await submitAcknowledged(task, () => faulting);
  }
  await faultDone;
}

/** Waits for the task's workflow to close and reads it back. */
async function settled(id: string): Promise<Task> {
  await client.workflow
    .getHandle(taskWorkflowId(id))
    .result()
    .catch((err: unknown) => {
      if (!(err instanceof WorkflowFailedError)) throw err;
    });
  return (await api.get(id)).body;
}

async function expectAllCompletedInOrder(tasks: TaskInput[]): Promise<void> {
  const read = new Map<string, Task>();
  for (const task of tasks) read.set(task.id, await settled(task.id));
  for (const task of tasks) {
    const t = read.get(task.id)!;
    expect(t.status, task.id).toBe('COMPLETED');
    for (const dep of task.dependencies ?? []) {
      expect(Date.parse(t.started_at!), `${task.id} after ${dep}`).toBeGreaterThanOrEqual(
        Date.parse(read.get(dep)!.completed_at!),
      );
    }
  }
}

function expectComponentsAlive(): void {
  for (const p of [...processes.workers, ...processes.apis]) {
    expect({ name: p.name, exitCode: p.process.exitCode }).toEqual({ name: p.name, exitCode: null });
  }
}

it('survives kill -9 of the Temporal server mid-run: 503 while it is away, then recovery', async () => {
  const tasks = wave('server-kill', 30);
  let answeredWhileDown: number | undefined;
  await submitAcross(tasks, async () => {
    await fixture.cluster.killTemporal();
    answeredWhileDown = (await api.submit({ id: `probe-${runId}` })).status;
    await fixture.cluster.startTemporal();
  });
  expect(answeredWhileDown).toBe(503);
  await expectAllCompletedInOrder(tasks);
  expectComponentsAlive();
});

it('survives a fast restart of PostgreSQL mid-run', async () => {
  const tasks = wave('postgres-restart', 30);
  await submitAcross(tasks, () => fixture.cluster.restartPostgres());
  await expectAllCompletedInOrder(tasks);
  expectComponentsAlive();
});

it('answered only 2xx, 429 or 503 while the engine was away', () => {
  expect([...statusesDuringFaults.keys()].filter((s) => ![200, 201, 429, 503].includes(s))).toEqual([]);
});
