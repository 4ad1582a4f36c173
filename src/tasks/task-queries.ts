import { type Client, isGrpcServiceError } from '@temporalio/client';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { InvalidCursorError } from '../errors/invalid-cursor-error.js';
import { TaskNotFoundError } from '../errors/task-not-found-error.js';
import pLimit from 'p-limit';
import type { Task, TaskDetail } from '../shared/task-definition.js';
import { TASK_STATUSES, TaskStatus } from '../shared/task-status.js';
import type { DeadlineCaller } from '../temporal/call-with-deadline.js';
import { listWorkflowPage } from '../temporal/workflow-page.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { TaskLookup } from './task-lookup.js';
import { toTask } from './task-view.js';
import { visibilityQuery } from './visibility-query.js';

/**
 * Stats are six visibility counts; visibility is rate-limited per namespace (100/s on the dev server, 10/s per
 * frontend in production), so one answer is shared by the requests of this window. List and stats lag writes by
 * visibility's own delay plus at most this.
 */
const STATS_CACHE_MS = 500;

/** Describes of one request's dependencies in flight at once: a WAITING task may have up to 1,000. */
const DEPENDENCY_READS = 16;

export interface ListTasksQuery {
  status?: TaskStatus;
  type?: string;
  limit: number;
  cursor?: string;
}

export interface TaskPage {
  tasks: Task[];
  next_cursor: string | null;
}

export interface TaskStats {
  total: number;
  by_status: Record<TaskStatus, number>;
}

/**
 * The read side of the task service. Temporal is the only store: one task is read with describe (strongly
 * consistent), lists and counts through visibility (eventually consistent).
 */
export class TaskQueries {
  private statsCache?: { at: number; stats: Promise<TaskStats> };

  constructor(
    private readonly client: Client,
    private readonly lookup: TaskLookup,
    private readonly call: DeadlineCaller,
  ) {}

  async get(id: string): Promise<TaskDetail> {
    const task = await this.lookup.find(id);
    if (!task) throw new TaskNotFoundError(id);
    return { ...task, waiting_on: await this.waitingOn(task) };
  }

  /**
   * The dependencies of a WAITING task that have not completed, each read with describe (strongly consistent,
   * like the task itself). Only a WAITING task can wait: from QUEUED on, every dependency completed or one failed.
   * A dependency retention has deleted had closed long ago, so it is left out.
   */
  private async waitingOn(task: Task): Promise<TaskDetail['waiting_on']> {
    if (task.status !== TaskStatus.WAITING) return [];
    const limit = pLimit(DEPENDENCY_READS);
    const dependencies = await Promise.all(task.dependencies.map((id) => limit(() => this.lookup.find(id))));
    return dependencies
      .filter((dependency): dependency is Task => dependency?.status !== undefined)
      .filter((dependency) => dependency.status !== TaskStatus.COMPLETED)
      .map(({ id, status }) => ({ id, status }));
  }

  async list(query: ListTasksQuery): Promise<TaskPage> {
    const nextPageToken = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    try {
      const page = await this.call(() =>
        listWorkflowPage(this.client, {
          query: visibilityQuery(query),
          pageSize: query.limit,
          nextPageToken,
        }),
      );
      return {
        tasks: page.executions.map(toTask),
        next_cursor: page.nextPageToken ? encodeCursor(page.nextPageToken) : null,
      };
    } catch (err) {
      if (nextPageToken && isGrpcServiceError(err) && err.code === GrpcStatus.INVALID_ARGUMENT) {
        throw new InvalidCursorError({ cause: err });
      }
      throw err;
    }
  }

  async stats(): Promise<TaskStats> {
    const now = Date.now();
    if (!this.statsCache || now - this.statsCache.at > STATS_CACHE_MS) {
      const stats = this.countByStatus();
      this.statsCache = { at: now, stats };
      stats.catch(() => (this.statsCache = undefined));
    }
    return this.statsCache.stats;
  }

  private async countByStatus(): Promise<TaskStats> {
    const counts = await Promise.all(
      TASK_STATUSES.map((status) =>
        this.call(() => this.client.workflow.count(visibilityQuery({ status }))).then((r) => r.count),
      ),
    );
    const by_status = Object.fromEntries(TASK_STATUSES.map((s, i) => [s, counts[i] ?? 0])) as Record<
      TaskStatus,
      number
    >;
    return { total: counts.reduce((a, b) => a + b, 0), by_status };
  }
}
