import { type Client, WorkflowExecutionAlreadyStartedError, isGrpcServiceError } from '@temporalio/client';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { DagCycleError } from '../errors/dag-cycle-error.js';
import { DagExistsError } from '../errors/dag-exists-error.js';
import { DagTasksExistError } from '../errors/dag-tasks-exist-error.js';
import {
  type Dag,
  type DagTasks,
  type SubmitDagBody,
  externalDependencies,
} from '../shared/dag-definition.js';
import {
  type DagMemo,
  type DagSubmissionInput,
  type DagTasksOutcome,
  dagTaskInputs,
} from '../shared/dag-inputs.js';
import { differingFields } from '../shared/differing-fields.js';
import { dagChunkSignal } from '../shared/messages.js';
import type { SubmitTaskBody, Task } from '../shared/task-definition.js';
import { DAG_SUBMISSION_WORKFLOW_TYPE, MEMO_DAG, dagWorkflowId } from '../shared/workflow-ids.js';
import { initialStatus } from '../shared/workflow-inputs.js';
import type { DeadlineCaller } from '../temporal/call-with-deadline.js';
import { chunkBySize } from './dag-chunks.js';
import { dagContentHash, derivedDagId } from './dag-content.js';
import type { DagQueries } from './dag-queries.js';
import type { DagSubmissionState, DagSubmissions } from './dag-submissions.js';
import type { DependencyCheck } from './dependency-check.js';
import type { ExistingTasks } from './existing-tasks.js';
import { findCycle } from './find-cycle.js';
import { newTask } from './task-view.js';
import { topologicalOrder } from './topological-order.js';

/** `created`: 201 with the new tasks; `existing`: 200, an identical resubmission; `pending`: 202, still creating. */
export type DagSubmitResult =
  { outcome: 'created' | 'existing'; dag: DagTasks } | { outcome: 'pending'; dag: Dag };

export interface DagSubmissionOptions {
  client: Client;
  call: DeadlineCaller;
  taskQueue: string;
  dependencies: DependencyCheck;
  existing: ExistingTasks;
  submissions: DagSubmissions;
  queries: DagQueries;
  /** How long a request waits for the tasks to exist before it answers 202 instead of 201, in ms. */
  answerWaitMs: number;
}

/** One request to submit a DAG. */
export interface DagRequest {
  body: SubmitDagBody;
  /** When the API accepted it: the created_at of every task, if the DAG is new. */
  createdAt: string;
  /** Answer 202 at once rather than wait for the tasks (`Prefer: respond-async`). @defaultValue false */
  respondAsync?: boolean;
}

/** What the checks made of a request, once. */
interface Prepared {
  /** How long to wait for the tasks to exist before answering 202, in ms. */
  waitMs: number;
  body: SubmitDagBody;
  dagId: string;
  contentHash: string;
  /** The tasks in topological order, split into the chunks the submission workflow receives. */
  chunks: SubmitTaskBody[][];
}

/**
 * The write side of DAGs: checks a whole DAG, then has a submission workflow create its tasks. All or nothing: the
 * API creates no task itself, and the workflow creates none until it holds the whole DAG, so whatever crashes before
 * the answer leaves nothing half-created, and after the answer the workflow finishes the job.
 */
export class DagSubmission {
  constructor(private readonly options: DagSubmissionOptions) {}

  async submit({ body, createdAt, respondAsync = false }: DagRequest): Promise<DagSubmitResult> {
    const cycle = findCycle(body.tasks);
    if (cycle) throw new DagCycleError(cycle);
    const contentHash = dagContentHash(body.tasks);
    const prepared: Prepared = {
      waitMs: respondAsync ? 0 : this.options.answerWaitMs,
      body,
      contentHash,
      dagId: body.dag_id ?? derivedDagId(contentHash),
      // In an order and a split that depend on the content only, so that a resubmission can resend any chunk.
      chunks: chunkBySize(topologicalOrder(body.tasks)),
    };
    const known = await this.options.submissions.describe(prepared.dagId);
    if (known && known.phase !== 'ended') return this.resume(prepared, known);

    const external = await this.options.dependencies.check(externalDependencies(body.tasks));
    const preexisting = await this.checkOverlap(body.tasks);
    const input: DagSubmissionInput = {
      dag_id: prepared.dagId,
      content_hash: contentHash,
      created_at: createdAt,
      task_count: body.tasks.length,
      chunk_count: prepared.chunks.length,
      ...external,
    };
    if (!(await this.start(input))) {
      // Another request started the same DAG a moment ago.
      const raced = await this.options.submissions.describe(prepared.dagId);
      if (!raced) throw new Error(`DAG submission ${prepared.dagId} exists but cannot be described`);
      return this.resume(prepared, raced);
    }
    await this.sendChunks(prepared);
    const outside = await this.awaitOutcome(prepared.dagId, prepared.waitMs);
    if (!outside) return { outcome: 'pending', dag: await this.pendingView(prepared.dagId, input) };
    const tasks = await this.createdTasks(body.tasks, input, preexisting, outside);
    return { outcome: 'created', dag: { dag_id: prepared.dagId, created_at: createdAt, tasks } };
  }

  /** A DAG whose submission exists: the same one again (answered as it is now), or another under its id (409). */
  private async resume(prepared: Prepared, known: DagSubmissionState): Promise<DagSubmitResult> {
    if (known.memo.content_hash !== prepared.contentHash) throw new DagExistsError(prepared.dagId);
    // An API that died before sending every chunk never answered: complete its work, then answer.
    if (!known.accepted) await this.sendChunks(prepared);
    const outside =
      known.phase === 'completed'
        ? await this.options.submissions.outcome(prepared.dagId)
        : await this.awaitOutcome(prepared.dagId, prepared.waitMs);
    if (!outside) {
      return { outcome: 'pending', dag: await this.pendingView(prepared.dagId, known.memo) };
    }
    const ids = prepared.body.tasks.map((task) => task.id);
    const tasks = await this.options.queries.tasks(prepared.dagId, ids);
    return { outcome: 'existing', dag: { dag_id: prepared.dagId, created_at: known.memo.created_at, tasks } };
  }

  /**
   * Finds the tasks of the request that exist already and throws, naming each, if any differs from its request;
   * returns the identical ones, which the DAG adopts as they are.
   */
  private async checkOverlap(tasks: readonly SubmitTaskBody[]): Promise<Map<string, Task>> {
    const found = await this.options.existing.find(tasks.map((task) => task.id));
    if (found.size === 0) return found;
    const conflicts = tasks.flatMap((task) => {
      const existing = found.get(task.id);
      const differing = existing ? differingFields(existing, task) : [];
      return differing.length > 0 ? [{ id: task.id, differing_fields: differing }] : [];
    });
    if (conflicts.length > 0) throw new DagTasksExistError(conflicts);
    return found;
  }

  /** Starts the submission workflow; false when one with the DAG's id runs or completed. */
  private async start(input: DagSubmissionInput): Promise<boolean> {
    const { client, call, taskQueue } = this.options;
    const memo: DagMemo = {
      content_hash: input.content_hash,
      created_at: input.created_at,
      task_count: input.task_count,
    };
    try {
      await call(() =>
        client.workflow.start(DAG_SUBMISSION_WORKFLOW_TYPE, {
          workflowId: dagWorkflowId(input.dag_id),
          taskQueue,
          args: [input],
          workflowIdConflictPolicy: 'FAIL',
          // A submission that ended without creating its DAG (abandoned, terminated) may be started again.
          workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
          memo: { [MEMO_DAG]: memo },
          staticSummary: `DAG ${input.dag_id}: ${input.task_count} tasks`,
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw err;
    }
  }

  /** Sends every chunk, in order; the workflow ignores those it already holds. */
  private async sendChunks({ dagId, chunks }: Prepared): Promise<void> {
    const handle = this.options.submissions.handle(dagId);
    for (const [index, tasks] of chunks.entries()) {
      await this.options.call(() => handle.signal(dagChunkSignal, { index, tasks }));
    }
  }

  /** The submission's outcome if it completes within the answer wait, else undefined (answer 202). */
  private async awaitOutcome(dagId: string, waitMs: number): Promise<DagTasksOutcome | undefined> {
    if (waitMs === 0) return undefined;
    try {
      return await this.options.client.connection.withDeadline(
        Date.now() + waitMs,
        () => this.options.submissions.handle(dagId).result() as Promise<DagTasksOutcome>,
      );
    } catch (err) {
      if (isDeadlineExceeded(err)) return undefined;
      throw err;
    }
  }

  /** The 202 answer: the DAG as GET shows it, while its tasks are being created. */
  private pendingView(dagId: string, memo: DagMemo): Promise<Dag> {
    const state: DagSubmissionState = { dagId, memo, accepted: true, phase: 'running' };
    return this.options.queries.view(state, { existing: [], conflicts: [] });
  }

  /**
   * The 201 answer, in the order of the request: each task as just created (as `POST /api/tasks` answers it), or
   * as it is now if it existed before the DAG.
   */
  private async createdTasks(
    requested: readonly SubmitTaskBody[],
    input: DagSubmissionInput,
    preexisting: Map<string, Task>,
    outside: DagTasksOutcome,
  ): Promise<Task[]> {
    const late = [...outside.existing, ...outside.conflicts].filter((id) => !preexisting.has(id));
    // Existed before the DAG: visible by now, unlike the tasks just created.
    for (const [id, task] of await this.options.existing.find(late)) preexisting.set(id, task);
    const toWorkflowInput = dagTaskInputs(input);
    return requested.map((spec) => {
      const existing = preexisting.get(spec.id);
      if (existing) return existing;
      const workflowInput = toWorkflowInput(spec);
      return newTask(workflowInput.spec, initialStatus(workflowInput));
    });
  }
}

function isDeadlineExceeded(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (isGrpcServiceError(e)) return e.code === GrpcStatus.DEADLINE_EXCEEDED;
  }
  return false;
}
