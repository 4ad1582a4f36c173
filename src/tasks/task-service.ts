import {
  type Client,
  type WorkflowExecutionDescription,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  isGrpcServiceError,
} from '@temporalio/client';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers.js';
import { loadDataConverter } from '@temporalio/common/lib/internal-non-workflow/index.js';
import pLimit from 'p-limit';
import { InvalidCursorError } from '../errors/invalid-cursor-error.js';
import { SelfDependencyError } from '../errors/self-dependency-error.js';
import { TaskExistsError } from '../errors/task-exists-error.js';
import { TaskNotFoundError } from '../errors/task-not-found-error.js';
import { UnknownDependencyError } from '../errors/unknown-dependency-error.js';
import { createDeadlineCaller } from '../temporal/call-with-deadline.js';
import { MEMO_SPEC, WORKFLOW_TYPE, taskWorkflowId } from '../shared/workflow-ids.js';
import { SearchAttributes } from '../shared/task-search-attributes.js';
import { TASK_STATUSES, TaskStatus } from '../shared/task-status.js';
import type { TaskSpec } from '../shared/task-definition.js';
import { type TaskWorkflowInput, initialStatus } from '../shared/workflow-inputs.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { differingFields } from './differing-fields.js';
import { toTask } from './task-view.js';
import type { Task } from '../shared/task-definition.js';
import { statusOf } from '../shared/task-execution.js';

/** Dependency look-ups in flight at once while validating one submission. */
const DEPENDENCY_LOOKUP_CONCURRENCY = 32;

/**
 * Stats are six visibility counts; visibility is rate-limited per namespace (100/s on the dev server, 10/s per
 * frontend in production), so one answer is shared by the requests of this window. List and stats lag writes by
 * visibility's own delay plus at most this.
 */
const STATS_CACHE_MS = 500;

export interface TaskServiceOptions {
  client: Client;
  taskQueue: string;
  /** Deadline of each Temporal call made for one request, in ms. @defaultValue 5000 */
  requestDeadlineMs?: number;
  /**
   * New dependents of a task whose history holds more events than this subscribe through its relay workflow.
   * @defaultValue 1000
   */
  relayAfterHistoryEvents?: number;
}

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

/** Submission result: `created` is false when an identical task already existed (an idempotent retry). */
export interface SubmitResult {
  task: Task;
  created: boolean;
}

/**
 * Tasks as the API sees them. Temporal is the only store: a task is its workflow, read back through describe
 * (strongly consistent) or visibility (list and stats, eventually consistent).
 */
export class TaskService {
  private readonly client: Client;
  private readonly taskQueue: string;
  private readonly call: ReturnType<typeof createDeadlineCaller>;
  private readonly relayAfterHistoryEvents: number;
  private readonly dataConverter = loadDataConverter();
  private statsCache?: { at: number; stats: Promise<TaskStats> };

  constructor(options: TaskServiceOptions) {
    this.client = options.client;
    this.taskQueue = options.taskQueue;
    this.call = createDeadlineCaller(options.client.connection, options.requestDeadlineMs ?? 5_000);
    this.relayAfterHistoryEvents = options.relayAfterHistoryEvents ?? 1_000;
  }

  async submit(spec: TaskSpec): Promise<SubmitResult> {
    if (spec.dependencies.includes(spec.id)) throw new SelfDependencyError(spec.id);
    const input: TaskWorkflowInput = { spec, ...(await this.checkDependencies(spec.dependencies)) };
    const status = initialStatus(input);
    try {
      await this.call(() =>
        this.client.workflow.start(WORKFLOW_TYPE, {
          workflowId: taskWorkflowId(spec.id),
          taskQueue: this.taskQueue,
          args: [input],
          // Atomic: of concurrent submissions of one id exactly one starts a workflow; the others land below.
          workflowIdConflictPolicy: 'FAIL',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          memo: { [MEMO_SPEC]: spec },
          typedSearchAttributes: [
            { key: SearchAttributes.status, value: status },
            { key: SearchAttributes.type, value: spec.type },
          ],
          staticSummary: `${spec.type} task ${spec.id}`,
        }),
      );
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      const existing = await this.findTask(spec.id);
      const differences = existing ? differingFields(existing, spec) : ['workflow type'];
      if (!existing || differences.length > 0) throw new TaskExistsError(spec.id, differences);
      return { task: existing, created: false };
    }
    return { task: newTask(spec, status), created: true };
  }

  async get(id: string): Promise<Task> {
    const task = await this.findTask(id);
    if (!task) throw new TaskNotFoundError(id);
    return task;
  }

  async list(query: ListTasksQuery): Promise<TaskPage> {
    const nextPageToken = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    try {
      const response = await this.call(() =>
        this.client.workflowService.listWorkflowExecutions({
          namespace: this.client.options.namespace,
          query: visibilityQuery(query),
          pageSize: query.limit,
          nextPageToken,
        }),
      );
      const executions = await Promise.all(
        response.executions.map((raw) =>
          executionInfoFromRaw(raw, this.dataConverter, raw, this.client.options.namespace),
        ),
      );
      const token = response.nextPageToken;
      return {
        tasks: executions.map(toTask),
        next_cursor: token && token.length > 0 ? encodeCursor(token) : null,
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

  /**
   * Describes every dependency and throws naming all unknown ones. Returns those already COMPLETED (nothing to wait
   * for) and those whose history is already long: the new task reaches them through their relay, so that a task
   * with thousands of dependents never takes thousands of subscriptions into its own history.
   */
  private async checkDependencies(
    ids: string[],
  ): Promise<Pick<TaskWorkflowInput, 'completed_dependencies' | 'relayed_dependencies'>> {
    const limit = pLimit(DEPENDENCY_LOOKUP_CONCURRENCY);
    const found = await Promise.all(ids.map((id) => limit(() => this.describeTask(id))));
    const missing = ids.filter((_, i) => found[i] === undefined);
    if (missing.length > 0) throw new UnknownDependencyError(missing);
    const described = found as WorkflowExecutionDescription[];
    const completed = ids.filter((_, i) => statusOf(described[i]!) === TaskStatus.COMPLETED);
    const relayed = ids.filter(
      (_, i) =>
        statusOf(described[i]!) !== TaskStatus.COMPLETED &&
        described[i]!.historyLength > this.relayAfterHistoryEvents,
    );
    return {
      completed_dependencies: completed,
      ...(relayed.length > 0 && { relayed_dependencies: relayed }),
    };
  }

  private async findTask(id: string): Promise<Task | undefined> {
    const description = await this.describeTask(id);
    return description && toTask(description);
  }

  private async describeTask(id: string): Promise<WorkflowExecutionDescription | undefined> {
    try {
      const description = await this.call(() =>
        this.client.workflow.getHandle(taskWorkflowId(id)).describe(),
      );
      return description.type === WORKFLOW_TYPE ? description : undefined;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return undefined;
      throw err;
    }
  }
}

/** Visibility query for task workflows; values are schema-validated enums and charsets, safe inside quotes. */
function visibilityQuery(filter: { status?: TaskStatus; type?: string }): string {
  const clauses = [`WorkflowType = '${WORKFLOW_TYPE}'`];
  if (filter.status) clauses.push(`${SearchAttributes.status.name} = '${filter.status}'`);
  if (filter.type) clauses.push(`${SearchAttributes.type.name} = '${filter.type}'`);
  return clauses.join(' AND ');
}

/** The task just created, as describe would return it now: the API answers without a further round trip. */
function newTask(spec: TaskSpec, status: TaskStatus): Task {
  const { created_at, ...fields } = spec;
  return { ...fields, status, attempts: 0, created_at, started_at: null, completed_at: null, error: null };
}
