import type { Client } from '@temporalio/client';
import type { DeadlineCaller } from '../temporal/call-with-deadline.js';
import { visibilityQuery } from './visibility-query.js';

/** One count serves the admission checks of this window: visibility is rate-limited per namespace. */
export const BACKLOG_CACHE_MS = 500;

/**
 * The QUEUED backlog of one deployment: tasks on its task queue whose dependencies are done and whose work has
 * not started. Counted per task queue, not per namespace, so deployments (or test suites) that share a namespace
 * do not throttle each other with backlogs their own workers will never run.
 */
export class QueuedBacklog {
  private cache?: { at: number; count: Promise<number> };

  constructor(
    private readonly client: Client,
    private readonly call: DeadlineCaller,
    private readonly taskQueue: string,
  ) {}

  /** A visibility count: it lags writes by visibility's delay plus at most the cache window. */
  count(): Promise<number> {
    const now = Date.now();
    if (!this.cache || now - this.cache.at > BACKLOG_CACHE_MS) {
      const query = visibilityQuery({ status: 'QUEUED', taskQueue: this.taskQueue });
      const count = this.call(() => this.client.workflow.count(query)).then((r) => r.count);
      this.cache = { at: now, count };
      count.catch(() => (this.cache = undefined)); // a failed count is retried by the next check
    }
    return this.cache.count;
  }
}
