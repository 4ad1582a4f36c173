import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { projectRoot } from '../src/project-root.js';
import { type ManagedProcess, forkManaged } from './managed-process.js';
import { waitForPollers } from './task-queue-ready.js';

export interface SchedulerProcesses {
  worker: ManagedProcess;
  api: ManagedProcess;
  apiUrl: string;
  /** Rejects when either process dies. */
  crashed: Promise<never>[];
  stop(): Promise<void>;
}

export interface SchedulerProcessOptions {
  client: Client;
  address: string;
  taskQueue: string;
  maxConcurrentTasks: number;
  logDir: string;
  label: string;
  apiToken: string;
}

/**
 * One worker and one API, forked from the compiled entry points exactly as `npm run start:worker` and
 * `start:api` run them, configured only through the environment. Resolves when the API listens and the worker
 * polls, so that neither start-up is measured.
 */
export async function startSchedulerProcesses(options: SchedulerProcessOptions): Promise<SchedulerProcesses> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEMPORAL_ADDRESS: options.address,
    TEMPORAL_TASK_QUEUE: options.taskQueue,
    PORT: '0',
    MAX_CONCURRENT_TASKS: String(options.maxConcurrentTasks),
    LOG_LEVEL: 'warn',
    API_TOKEN: options.apiToken,
  };
  const entry = (name: string) => join(projectRoot(), 'dist', 'src', 'main', `${name}.js`);
  const logFile = (name: string) => join(options.logDir, `${options.label}-${name}.log`);
  const worker = forkManaged(`${options.label} worker`, entry('worker'), { env, logFile: logFile('worker') });
  const api = forkManaged(`${options.label} api`, entry('api'), { env, logFile: logFile('api') });
  const crashed = [worker.crashed, api.crashed];
  const stop = async () => {
    await Promise.all([api.stop(), worker.stop()]);
  };
  try {
    const port = new Promise<number>((resolve) => {
      api.child.on('message', (message: { type?: string; port?: number }) => {
        if (message.type === 'listening' && message.port) resolve(message.port);
      });
    });
    const [apiPort] = await Promise.race([
      Promise.all([port, waitForPollers(options.client, options.taskQueue)]),
      ...crashed,
    ]);
    return { worker, api, apiUrl: `http://127.0.0.1:${apiPort}`, crashed, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
