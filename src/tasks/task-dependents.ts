import { status as GrpcStatus } from '@grpc/grpc-js';
import { type Client, isGrpcServiceError } from '@temporalio/client';
import pLimit from 'p-limit';
import { InvalidCursorError } from '../errors/invalid-cursor-error.js';
import { TemporalUnavailableError } from '../errors/temporal-unavailable-error.js';
import { TaskNotFoundError } from '../errors/task-not-found-error.js';
import { subscribersQuery } from '../shared/messages.js';
import { type Task, taskIdSchema } from '../shared/task-definition.js';
import {
  WORKFLOW_ID_PREFIX,
  relayWorkflowId,
  taskIdFromWorkflowId,
  taskWorkflowId,
} from '../shared/workflow-ids.js';
import type { DeadlineCaller } from '../temporal/call-with-deadline.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { TaskLookup } from './task-lookup.js';
import type { TaskPage } from './task-queries.js';

/** Describes of one page's dependents in flight at once. */
const TASK_READS = 16;

export interface DependentsQuery {
  limit: number;
  cursor?: string;
}

/**
 * The direct dependents known to a task: those that subscribed to it (or to its dependents relay) while it had not
 * settled. The task workflow holds them, so they are asked of it by query: no copy of them is kept anywhere else.
 * A dependent submitted after the task completed never subscribes (it starts knowing the dependency is done) and
 * is not listed. Pages are in id order, the cursor being the last id of the previous page: a dependent that
 * subscribes while a client pages appears at most once.
 */
export class TaskDependents {
  constructor(
    private readonly client: Client,
    private readonly lookup: TaskLookup,
    private readonly call: DeadlineCaller,
  ) {}

  async page(id: string, query: DependentsQuery): Promise<TaskPage> {
    const after = query.cursor === undefined ? undefined : lastIdOf(query.cursor);
    if (!(await this.lookup.describe(id))) throw new TaskNotFoundError(id);
    const ids = (await this.dependentIds(id)).filter((dependent) => after === undefined || dependent > after);
    const pageIds = ids.slice(0, query.limit);
    const limit = pLimit(TASK_READS);
    const tasks = await Promise.all(pageIds.map((dependent) => limit(() => this.lookup.find(dependent))));
    return {
      // A dependent exists before it subscribes; retention may have deleted it since.
      tasks: tasks.filter((task): task is Task => task !== undefined),
      next_cursor: ids.length > query.limit ? encodeCursor(Buffer.from(pageIds.at(-1)!)) : null,
    };
  }

  /** Ids of the tasks that subscribed to the task or to its relay, sorted. */
  private async dependentIds(id: string): Promise<string[]> {
    const subscribers = await this.subscribersOf(taskWorkflowId(id));
    const relay = relayWorkflowId(id);
    const relayed = subscribers.includes(relay) ? await this.subscribersOf(relay) : [];
    const tasks = [...subscribers, ...relayed].filter((workflowId) =>
      workflowId.startsWith(WORKFLOW_ID_PREFIX),
    );
    return [...new Set(tasks.map(taskIdFromWorkflowId))].sort();
  }

  /**
   * A query needs a worker of the workflow's task queue: with none polling (the task belongs to a deployment whose
   * workers are down) the server refuses it at once, which is the engine being unavailable for this task: 503.
   */
  private async subscribersOf(workflowId: string): Promise<string[]> {
    try {
      return await this.call(() => this.client.workflow.getHandle(workflowId).query(subscribersQuery));
    } catch (err) {
      if (isFailedPrecondition(err)) throw new TemporalUnavailableError({ cause: err });
      throw err;
    }
  }
}

/** The last id of the page before, from a cursor this class produced. */
function lastIdOf(cursor: string): string {
  const id = Buffer.from(decodeCursor(cursor)).toString('utf8');
  if (!taskIdSchema.safeParse(id).success) throw new InvalidCursorError();
  return id;
}

function isFailedPrecondition(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (isGrpcServiceError(e)) return e.code === GrpcStatus.FAILED_PRECONDITION;
  }
  return false;
}
