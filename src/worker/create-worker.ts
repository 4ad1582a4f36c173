import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../../activities/create-activities.js';

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
  /** Prebuilt workflow bundle; by default the workflows are bundled when the worker is created. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

/** Workflow sources: compiled JavaScript under dist/, or the TypeScript itself when run from source (tests). */
export function workflowsPath(): string {
  const compiled = fileURLToPath(new URL('../../workflows/index.js', import.meta.url));
  return existsSync(compiled) ? compiled : compiled.replace(/\.js$/, '.ts');
}

/**
 * One worker on the task queue: it runs the task workflows, the dependency-signal local activities and the work
 * itself. Only the work takes activity slots, so `maxConcurrentTasks` caps exactly the tasks RUNNING here.
 */
export async function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: workflowsPath() }),
    activities: createActivities({ client: options.client }),
    maxConcurrentActivityTaskExecutions: options.maxConcurrentTasks,
    shutdownGraceTime: options.shutdownGraceTimeMs ?? 10_000,
  });
}
