// Which tasks of a finished DAG did not complete, and why: what a user wants to see when `--watch` exits 1.
// A DAG's progress only counts its tasks, so each task is read on its own; past a hundred of them that costs more
// than it tells, and the list endpoint is the better tool.
import type { TaskDetail } from '../shared/task-definition.js';
import { TaskStatus } from '../shared/task-status.js';
import type { ApiClient } from './api-client.js';
import { formatTable } from './format-table.js';

/** Tasks read one by one at most; beyond, the user is pointed at `dagctl list --status FAILED`. */
export const MAX_TASKS_READ = 100;
/** Reads in flight at once: enough to be quick, few enough to stay out of the API's admission limits. */
const READ_CONCURRENCY = 8;

/** The tasks among `ids` that are not COMPLETED, in the order of `ids`; undefined when there are too many ids. */
export async function unsuccessfulTasks(
  api: ApiClient,
  ids: readonly string[],
): Promise<TaskDetail[] | undefined> {
  if (ids.length > MAX_TASKS_READ) return undefined;
  const tasks: TaskDetail[] = [];
  for (let i = 0; i < ids.length; i += READ_CONCURRENCY) {
    tasks.push(...(await Promise.all(ids.slice(i, i + READ_CONCURRENCY).map((id) => api.task(id)))));
  }
  return tasks.filter((task) => task.status !== TaskStatus.COMPLETED);
}

/** One line per task: status, id, and the error's code and message. */
export function describeUnsuccessful(tasks: readonly TaskDetail[]): string[] {
  return formatTable(
    tasks.map((t) => [t.status, t.id, t.error ? `${t.error.code}: ${t.error.message}` : '']),
  ).map((line) => `  ${line}`);
}
