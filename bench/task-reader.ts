import { setTimeout as sleep } from 'node:timers/promises';
import type { Task } from '../src/shared/task-definition.js';
import { parseRetryAfter, retryDelayMs } from './load/retry-policy.js';

/** The API's largest page: fewest requests per read-back. */
const PAGE_SIZE = 1_000;
/** Visibility (what the list endpoint reads) lags workflow state; it usually catches up within a second. */
const VISIBILITY_TIMEOUT_MS = 60_000;

/** Answers a client retries after Retry-After, as docs/api.md tells it to. */
const RETRYABLE = new Set([429, 503]);

/**
 * Reads back a workload's tasks through `GET /api/tasks?type=...` with cursor paging, as a client would, and
 * retries until all `expected` of them show a completed_at (the list endpoint is eventually consistent). A page
 * the API could not read in time (`503`, which an engine still busy after a burst can cause) is asked for again
 * after Retry-After until the same deadline.
 */
export async function readSettledTasks(
  apiUrl: string,
  apiToken: string,
  type: string,
  expected: number,
): Promise<Task[]> {
  const deadline = Date.now() + VISIBILITY_TIMEOUT_MS;
  for (;;) {
    const tasks = await listAll(apiUrl, apiToken, type, deadline);
    const settled = tasks.filter((task) => task.completed_at !== null).length;
    if (settled >= expected) return tasks;
    if (Date.now() > deadline) {
      throw new Error(
        `the list endpoint shows ${settled}/${expected} ${type} tasks settled after ${VISIBILITY_TIMEOUT_MS} ms`,
      );
    }
    await sleep(500);
  }
}

async function listAll(apiUrl: string, apiToken: string, type: string, deadline: number): Promise<Task[]> {
  const tasks: Task[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ type, limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) });
    const page = await getPage(`${apiUrl}/api/tasks?${query.toString()}`, apiToken, deadline);
    tasks.push(...page.tasks);
    cursor = page.next_cursor;
  } while (cursor);
  return tasks;
}

async function getPage(url: string, apiToken: string, deadline: number) {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, { headers: { authorization: `Bearer ${apiToken}` } });
    if (response.ok) return (await response.json()) as { tasks: Task[]; next_cursor: string | null };
    const message = `GET /api/tasks answered ${response.status}: ${await response.text()}`;
    if (!RETRYABLE.has(response.status) || Date.now() > deadline) throw new Error(message);
    console.warn(`[bench] ${message}; retrying`);
    await sleep(retryDelayMs(attempt, parseRetryAfter(response.headers.get('retry-after'))));
  }
}
