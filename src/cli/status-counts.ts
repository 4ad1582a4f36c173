import { TASK_STATUSES, type TaskStatus } from '../shared/task-status.js';

/** `3 WAITING, 1 QUEUED`: the statuses with a count, in lifecycle order; `none` when every count is 0. */
export function describeCounts(byStatus: Readonly<Record<string, number>>): string {
  const parts = TASK_STATUSES.flatMap((s) => ((byStatus[s] ?? 0) > 0 ? [`${byStatus[s]} ${s}`] : []));
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** The number of items in each status. */
export function countByStatus(items: readonly { status: TaskStatus }[]): Record<TaskStatus, number> {
  const counts = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
  for (const { status } of items) counts[status] += 1;
  return counts;
}
