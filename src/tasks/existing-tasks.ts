import type { Client } from '@temporalio/client';
import pLimit from 'p-limit';
import type { Task } from '../shared/task-definition.js';
import type { DeadlineCaller } from '../temporal/call-with-deadline.js';
import { listWorkflowPage } from '../temporal/workflow-page.js';
import { tasksByIdQuery } from './dag-visibility-query.js';
import { toTask } from './task-view.js';

/** Ids per visibility query: about 20 KB of query, and the page holds them all. */
const IDS_PER_QUERY = 500;
/** Visibility is rate-limited (10/s per frontend in production): a few queries at a time. */
const QUERY_CONCURRENCY = 4;

/**
 * Which of many ids are tasks already, through visibility: one query per 500 ids, where describing each would take
 * one call per id. Visibility lags writes (tens of ms on the dev server): a task created a moment ago by someone
 * else may be missed, which the DAG submission's activity then notices (see DagTasksOutcome).
 */
export class ExistingTasks {
  constructor(
    private readonly client: Client,
    private readonly call: DeadlineCaller,
  ) {}

  async find(ids: readonly string[]): Promise<Map<string, Task>> {
    const batches: (readonly string[])[] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) batches.push(ids.slice(i, i + IDS_PER_QUERY));
    const limit = pLimit(QUERY_CONCURRENCY);
    const found = await Promise.all(batches.map((batch) => limit(() => this.list(tasksByIdQuery(batch)))));
    return new Map(found.flat().map((task) => [task.id, task]));
  }

  /** Every task a visibility query matches, page by page. */
  async list(query: string): Promise<Task[]> {
    const tasks: Task[] = [];
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await this.call(() =>
        listWorkflowPage(this.client, { query, pageSize: 1_000, nextPageToken }),
      );
      tasks.push(...page.executions.map(toTask));
      nextPageToken = page.nextPageToken ?? undefined;
    } while (nextPageToken);
    return tasks;
  }
}
