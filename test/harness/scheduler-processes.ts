// The scheduler's own processes, forked from the compiled entry points exactly as `npm run start:api` and
// `start:worker` run them, configured only through the environment.
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { projectRoot } from '../../src/project-root.js';
import { type ManagedProcess, forkManaged } from './managed-process.js';
import { waitForPollers } from './task-queue-pollers.js';

export interface SchedulerProcessOptions {
  temporalAddress: string;
  taskQueue: string;
  /** Variables beyond address, task queue and PORT=0, e.g. MAX_CONCURRENT_TASKS or LOG_LEVEL=warn. */
  env?: Record<string, string>;
}

export type ApiProcess = ManagedProcess & { url: string };

type Entry = 'api' | 'worker';

function forkEntry(entry: Entry, options: SchedulerProcessOptions & { name: string; logFile: string }) {
  return forkManaged({
    name: options.name,
    logFile: options.logFile,
    script: join(projectRoot(), 'dist', 'src', 'main', `${entry}.js`),
    env: {
      TEMPORAL_ADDRESS: options.temporalAddress,
      TEMPORAL_TASK_QUEUE: options.taskQueue,
      PORT: '0',
      LOG_LEVEL: 'info',
      // Tests and the bench's workloads submit many tasks at once, and most test clients do not retry a 429: the
      // adaptive rate is off unless asked for (test/integration/admission-adaptive.test.ts, bench workload 6).
      ADMISSION_SLOW_SUBMIT_MS: '0',
      ...options.env,
    },
  });
}

/** Forks a worker. It polls once it has bundled its workflows (about two seconds); see waitForPollers. */
export function startWorkerProcess(
  options: SchedulerProcessOptions & { name: string; logFile: string },
): ManagedProcess {
  return forkEntry('worker', options);
}

/** Forks an API on a free port and resolves once it listens (it says so over IPC, with the port). */
export async function startApiProcess(
  options: SchedulerProcessOptions & { name: string; logFile: string },
): Promise<ApiProcess> {
  const api = forkEntry('api', options);
  try {
    const port = await Promise.race([listeningPort(api), api.crashed]);
    return Object.assign(api, { url: `http://127.0.0.1:${port}` });
  } catch (err) {
    await api.stop();
    throw err;
  }
}

function listeningPort(api: ManagedProcess): Promise<number> {
  return new Promise((resolve) => {
    api.process.on('message', (message: { type?: string; port?: number }) => {
      if (message.type === 'listening' && message.port) resolve(message.port);
    });
  });
}

export interface SchedulerGroupOptions extends SchedulerProcessOptions {
  /** Names the processes (`<label> worker 1`) and their log files (`<label>-worker-1.log`). */
  label: string;
  logDir: string;
  /** @defaultValue 1 */
  workers?: number;
  /** @defaultValue 1 */
  apis?: number;
  /** When given, resolves only once a worker polls the task queue, seen through this client. */
  pollersClient?: Client;
}

export interface SchedulerProcesses {
  workers: ManagedProcess[];
  apis: ApiProcess[];
  /** The first worker and the first API. */
  worker: ManagedProcess;
  api: ApiProcess;
  /** Rejects when any of the processes dies before stop(). */
  crashed: Promise<never>;
  /** Stops all of them gracefully, at once. */
  stop(): Promise<void>;
}

/** Workers and APIs on one task queue; workers are forked first, so that they bundle while the APIs start. */
export async function startSchedulerProcesses(options: SchedulerGroupOptions): Promise<SchedulerProcesses> {
  const [workerCount, apiCount] = [options.workers ?? 1, options.apis ?? 1];
  if (workerCount < 1 || apiCount < 1)
    throw new RangeError(`${options.label}: a scheduler needs at least one worker and one API`);
  const named = (entry: Entry, i: number) => ({
    ...options,
    name: `${options.label} ${entry} ${i + 1}`,
    logFile: join(options.logDir, `${options.label}-${entry}-${i + 1}.log`),
  });
  const workers = Array.from({ length: workerCount }, (_, i) => startWorkerProcess(named('worker', i)));
  const starting = await Promise.allSettled(
    Array.from({ length: apiCount }, (_, i) => startApiProcess(named('api', i))),
  );
  const apis = starting.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const crashed = Promise.race([...workers, ...apis].map((p) => p.crashed));
  crashed.catch(() => undefined); // handled by whoever races it; never an unhandled rejection
  const stop = async () => {
    await Promise.all([...apis, ...workers].map((p) => p.stop()));
  };
  try {
    const failed = starting.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    if (options.pollersClient) {
      await Promise.race([waitForPollers(options.pollersClient, options.taskQueue), crashed]);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  // Both exist: at least one of each was asked for, and every API started.
  return { workers, apis, worker: workers[0]!, api: apis[0]!, crashed, stop };
}
