import type { Client } from '@temporalio/client';
import pLimit from 'p-limit';
import { DagNotFoundError } from '../errors/dag-not-found-error.js';
import { type Dag, DagStatus } from '../shared/dag-definition.js';
import type { DagTasksOutcome } from '../shared/dag-inputs.js';
import type { Task } from '../shared/task-definition.js';
import { TASK_STATUSES, type TaskStatus, isSettled } from '../shared/task-status.js';
import type { DeadlineCaller } from '../temporal/call-with-deadline.js';
import type { DagSubmissionState, DagSubmissions } from './dag-submissions.js';
import { dagVisibilityQuery } from './dag-visibility-query.js';
import type { ExistingTasks } from './existing-tasks.js';
import type { TaskLookup } from './task-lookup.js';

/** Describes in flight at once for tasks visibility did not list. */
const LOOKUP_CONCURRENCY = 32;

const NOTHING_OUTSIDE: DagTasksOutcome = { existing: [], conflicts: [] };

/**
 * The read side of DAGs. A DAG's tasks carry its id as their TaskDag search attribute, so its counts are visibility
 * counts, as `/api/stats` are, and lag writes as they do; its submission is described (strongly consistent).
 */
export class DagQueries {
  constructor(
    private readonly client: Client,
    private readonly call: DeadlineCaller,
    private readonly submissions: DagSubmissions,
    private readonly existing: ExistingTasks,
    private readonly lookup: TaskLookup,
  ) {}

  async get(dagId: string): Promise<Dag> {
    const state = await this.submissions.describe(dagId);
    // A submission that never received every chunk was never acknowledged: for the client, no such DAG.
    if (!state?.accepted) throw new DagNotFoundError(dagId);
    const outside = state.phase === 'completed' ? await this.submissions.outcome(dagId) : NOTHING_OUTSIDE;
    return this.view(state, outside);
  }

  /**
   * Counts the DAG's tasks by status: those it created through visibility, those that existed before it (usually
   * none) by listing them. Finished once the submission completed and every task is visible and settled: lagging
   * visibility only ever delays `finished`, never reports it early.
   */
  async view(state: DagSubmissionState, outside: DagTasksOutcome): Promise<Dag> {
    const count = (query: string) => this.call(() => this.client.workflow.count(query)).then((r) => r.count);
    const [running, ...counts] = await Promise.all([
      count(dagVisibilityQuery(state.dagId, { running: true })),
      ...TASK_STATUSES.map((status) => count(dagVisibilityQuery(state.dagId, { status }))),
    ]);
    const by_status = Object.fromEntries(TASK_STATUSES.map((s, i) => [s, counts[i] ?? 0])) as Record<
      TaskStatus,
      number
    >;
    const others = [...(await this.existing.find([...outside.existing, ...outside.conflicts])).values()];
    for (const task of others) by_status[task.status] += 1;
    const visible = Object.values(by_status).reduce((a, b) => a + b, 0);
    const settled = running === 0 && others.every((task) => isSettled(task.status));
    return {
      dag_id: state.dagId,
      status: state.phase === 'completed' ? DagStatus.SUBMITTED : DagStatus.SUBMITTING,
      created_at: state.memo.created_at,
      total: state.memo.task_count,
      by_status,
      finished: state.phase === 'completed' && visible >= state.memo.task_count && settled,
      conflicts: outside.conflicts,
    };
  }

  /**
   * The DAG's tasks as they are now, in the order of `ids`: listed through visibility by the DAG's search attribute,
   * and described where visibility has not caught up yet or the task existed before the DAG.
   */
  async tasks(dagId: string, ids: readonly string[]): Promise<Task[]> {
    const listed = new Map((await this.existing.list(dagVisibilityQuery(dagId))).map((t) => [t.id, t]));
    const limit = pLimit(LOOKUP_CONCURRENCY);
    const tasks = await Promise.all(
      ids.map((id) => {
        const task = listed.get(id);
        return task ? Promise.resolve(task) : limit(() => this.lookup.find(id));
      }),
    );
    // Every task of a submitted DAG exists; only retention, long after, removes one.
    return tasks.filter((task): task is Task => task !== undefined);
  }
}
