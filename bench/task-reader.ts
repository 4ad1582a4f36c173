import { setTimeout as sleep } from 'node:timers/promises';
import type { Task } from '../src/shared/task-definition.js';

/** The API's largest page: fewest requests per read-back. */
const PAGE_SIZE = 1_000;
/** Visibility (what the list endpoint reads) lags workflow state; it usually catches up within a second. */
const VISIBILITY_TIMEOUT_MS = 60_000;

/**
 * Reads back a workload's tasks through `GET /api/tasks?type=...` with cursor paging, as a client would, and
 * retries until all `expected` of them show a completed_at (the list endpoint is eventually consistent).
 */
export async function readSettledTasks(
  apiUrl: string,
  apiToken: string,
  type: string,
  expected: number,
): Promise<Task[]> {
  const deadline = Date.now() + VISIBILITY_TIMEOUT_MS;
  for (;;) {
    const tasks = await listAll(apiUrl, apiToken, type);
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

async function listAll(apiUrl: string, apiToken: string, type: string): Promise<Task[]> {
  const tasks: Task[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ type, limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) });
    const response = await fetch(`${apiUrl}/api/tasks?${query.toString()}`, {
      headers: { authorization: `Bearer ${apiToken}` },
    });
    if (!response.ok) throw new Error(`GET /api/tasks answered ${response.status}: ${await response.text()}`);
    const page = (await response.json()) as { tasks: Task[]; next_cursor: string | null };
    tasks.push(...page.tasks);
    cursor = page.next_cursor;
  } while (cursor);
  return tasks;
}
