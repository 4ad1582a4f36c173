// A whole scheduler for one test file: a real worker process and a real API process on a task queue of their
// own, against the run's Temporal dev server, plus a Temporal client for awaiting workflows without polling.
import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { inject } from 'vitest';
import type { TaskDetail } from '../../src/shared/task-definition.js';
import { taskWorkflowId } from '../../src/shared/workflow-ids.js';
import { ApiClient } from './api-client.js';
import { startSchedulerProcesses } from '../harness/scheduler-processes.js';
import { type Component, stopAllProcesses, testLogDir } from './processes.js';

export interface Scheduler {
  api: ApiClient;
  client: Client;
  taskQueue: string;
  temporalAddress: string;
  worker: Component;
  apiProcess: Component;
  /** A fresh id, unique across runs, so tests never see each other's tasks. */
  id(label: string): string;
  /**
   * Waits (via Temporal's long poll, not by polling the API) until the task's workflow closed, then reads it
   * through `reader` (this scheduler's API unless another is given).
   */
  settled(id: string, reader?: ApiClient): Promise<TaskDetail>;
  stop(): Promise<void>;
}

export async function startScheduler(name: string, env: Record<string, string> = {}): Promise<Scheduler> {
  const temporalAddress = inject('temporalAddress');
  const runId = randomUUID().slice(0, 8);
  const taskQueue = `test-${name}-${runId}`;
  const { worker, api: apiProcess } = await startSchedulerProcesses({
    temporalAddress,
    taskQueue,
    env,
    label: `${name}-${runId}`,
    logDir: testLogDir,
  });
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection });
  const api = new ApiClient(apiProcess.url);
  return {
    api,
    client,
    taskQueue,
    temporalAddress,
    worker,
    apiProcess,
    id: (label) => `${label}-${runId}-${randomUUID().slice(0, 6)}`,
    async settled(id, reader = api) {
      try {
        await client.workflow.getHandle(taskWorkflowId(id)).result();
      } catch (err) {
        if (!(err instanceof WorkflowFailedError)) throw err;
      }
      const { status, body } = await reader.get(id);
      if (status !== 200) throw new Error(`GET ${id} answered ${status}`);
      return body;
    },
    async stop() {
      await connection.close();
      await stopAllProcesses();
    },
  };
}
