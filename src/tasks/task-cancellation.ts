import { status as GrpcStatus } from '@grpc/grpc-js';
import {
  type Client,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  isGrpcServiceError,
} from '@temporalio/client';
import { TaskNotFoundError } from '../errors/task-not-found-error.js';
import { TaskSettledError } from '../errors/task-settled-error.js';
import { cancelUpdate } from '../shared/messages.js';
import type { Task } from '../shared/task-definition.js';
import { TaskStatus } from '../shared/task-status.js';
import { taskWorkflowId } from '../shared/workflow-ids.js';
import type { DeadlineCaller } from '../temporal/call-with-deadline.js';
import type { TaskLookup } from './task-lookup.js';

/** Sends of the update at most, when the workflow task that took it is rejected (see lostWithItsWorkflowTask). */
const MAX_UPDATE_ATTEMPTS = 5;

/**
 * An update is lost when the workflow task that accepted it fails. That happens to a cancellation that settles a
 * WAITING task at once: the workflow completes in that very task, and if a signal (a dependent subscribing) lands
 * meanwhile, the server refuses the completion so that the workflow sees the signal first. The workflow goes on
 * without the update, and the next send of it is taken.
 */
function lostWithItsWorkflowTask(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (isGrpcServiceError(e)) return e.code === GrpcStatus.FAILED_PRECONDITION;
  }
  return false;
}

export interface CancelOutcome {
  /** The task after the request: CANCELLED, or RUNNING while its work is being interrupted. */
  task: Task;
  /** True once the task reads CANCELLED; false while the work of a RUNNING task is still stopping. */
  cancelled: boolean;
}

/**
 * Cancels a task through the `cancel` update of its workflow, which records the request and answers once it took
 * effect: at once for a WAITING or QUEUED task, and for a RUNNING one as soon as the interruption of its work is
 * under way (the work notices at its next heartbeat, within about a second). The workflow rejects the update once
 * the task has settled, and a closed workflow cannot take one: the task's status then tells the answer, which makes
 * a repeated cancellation idempotent.
 */
export class TaskCancellation {
  constructor(
    private readonly client: Client,
    private readonly lookup: TaskLookup,
    private readonly call: DeadlineCaller,
  ) {}

  async cancel(id: string, options: { cascade: boolean }): Promise<CancelOutcome> {
    const handle = this.client.workflow.getHandle(taskWorkflowId(id));
    const update = async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await handle.executeUpdate(cancelUpdate, { args: [{ cascade: options.cascade }] });
        } catch (err) {
          if (attempt >= MAX_UPDATE_ATTEMPTS || !lostWithItsWorkflowTask(err)) throw err;
        }
      }
    };
    try {
      await this.call(update);
    } catch (err) {
      if (!(err instanceof WorkflowUpdateFailedError) && !(err instanceof WorkflowNotFoundError)) throw err;
    }
    const task = await this.lookup.find(id);
    if (!task) throw new TaskNotFoundError(id);
    if (task.status === TaskStatus.COMPLETED || task.status === TaskStatus.FAILED) {
      throw new TaskSettledError(id, task.status);
    }
    return { task, cancelled: task.status === TaskStatus.CANCELLED };
  }
}
