import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../../activities/create-activities.js';
import { type TaskTypeLimits, typeTaskQueue } from '../shared/task-type-queues.js';
import type { WorkMetrics } from '../shared/work-metrics.js';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  /** Client the activities use to signal workflows. */
  client: Client;
  namespace: string;
  taskQueue: string;
  /** Activity slots: the most tasks this worker runs at once. */
  maxConcurrentTasks: number;
  /** How long running tasks may finish after a shutdown request before they are cancelled. @defaultValue 10 s */
  shutdownGraceTimeMs?: number;
  /** Records each attempt of the work (src/metrics/work-metrics.ts). @defaultValue records nothing */
  workMetrics?: WorkMetrics;
  /** TASK_TYPE_LIMITS: a type listed here runs on its own task queue, with its own slots. @defaultValue none */
  typeLimits?: TaskTypeLimits;
}

/** Workflow sources: compiled JavaScript under dist/, or the TypeScript itself when run from source (tests). */
export function workflowsPath(): string {
  const compiled = fileURLToPath(new URL('../../workflows/index.js', import.meta.url));
  return existsSync(compiled) ? compiled : compiled.replace(/\.js$/, '.ts');
}

/** See `stickyQueueScheduleToStartTimeout` below. */
const STICKY_QUEUE_TIMEOUT_MS = 2_000;
/** See `maxHeartbeatThrottleInterval` below: under the work's one-second heartbeat interval. */
const HEARTBEAT_THROTTLE_MS = 500;

/** Where `npm run build` writes the prebuilt workflow bundle (next to the compiled workflows). */
export function workflowBundlePath(): string {
  return fileURLToPath(new URL('../../workflow-bundle.js', import.meta.url));
}

/** The prebuilt bundle when there is one (compiled runs), else the sources to bundle now (runs from source). */
function workflowCode(): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  const bundle = workflowBundlePath();
  return existsSync(bundle) ? { workflowBundle: { codePath: bundle } } : { workflowsPath: workflowsPath() };
}

/** Options every worker of this process shares: the connection, the shutdown and the heartbeats of the work. */
function commonOptions(options: CreateWorkerOptions) {
  return {
    connection: options.connection,
    namespace: options.namespace,
    shutdownGraceTime: options.shutdownGraceTimeMs ?? 10_000,
    // The work heartbeats every second; by default the SDK sends at most one per 80 % of the heartbeat timeout.
    // A cancellation reaches the work only in the answer to a heartbeat, so this keeps every heartbeat: a
    // cancelled RUNNING task stops within about a second.
    maxHeartbeatThrottleInterval: HEARTBEAT_THROTTLE_MS,
  };
}

/**
 * One worker on the task queue: it runs the task workflows, the dependency-signal local activities and the work
 * itself. Only the work takes activity slots, so `maxConcurrentTasks` caps exactly the tasks RUNNING here.
 */
export async function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  return Worker.create({
    ...commonOptions(options),
    taskQueue: options.taskQueue,
    ...workflowCode(),
    activities: createActivities(options),
    maxConcurrentActivityTaskExecutions: options.maxConcurrentTasks,
    // A workflow's next task goes first to the worker that has it cached. If that worker died (kill -9), the
    // server waits this long before offering the task to any worker; the default 10 s would hold a recovered
    // task's completion (and its dependents) for that long. Our histories are short, so a replay elsewhere is cheap.
    stickyQueueScheduleToStartTimeout: STICKY_QUEUE_TIMEOUT_MS,
  });
}

/**
 * One worker per type of TASK_TYPE_LIMITS, on that type's task queue: it runs only the work of that type, with the
 * type's own slots, next to the main worker in the same process.
 */
export async function createTypeWorkers(options: CreateWorkerOptions): Promise<Worker[]> {
  const { runTask } = createActivities(options);
  return Promise.all(
    Object.entries(options.typeLimits ?? {}).map(([type, limit]) =>
      Worker.create({
        ...commonOptions(options),
        taskQueue: typeTaskQueue(options.taskQueue, type),
        activities: { runTask },
        maxConcurrentActivityTaskExecutions: limit,
      }),
    ),
  );
}
