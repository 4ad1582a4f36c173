// TASK_TYPE_LIMITS: task types whose work runs on a task queue of their own, with a cap of its own per worker.

/** Per-type caps: the work of a listed type runs on its own task queue with this many slots per worker. */
export type TaskTypeLimits = Readonly<Record<string, number>>;

/** The task queue of one type's work, next to the deployment's task queue. */
export function typeTaskQueue(taskQueue: string, type: string): string {
  return `${taskQueue}.type.${type}`;
}

/**
 * Where a task's work runs: its type's own queue when the type is listed, else undefined (the task queue of the
 * workflow, whose workers' MAX_CONCURRENT_TASKS slots every other type shares).
 */
export function workTaskQueue(taskQueue: string, type: string, limits: TaskTypeLimits): string | undefined {
  return Object.hasOwn(limits, type) ? typeTaskQueue(taskQueue, type) : undefined;
}
