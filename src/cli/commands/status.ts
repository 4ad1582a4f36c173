// `dagctl status ID`: one task as `GET /api/tasks/:id` reads it (strongly consistent), with what it waits on.
import type { TaskDetail } from '../../shared/task-definition.js';
import { type CliContext, printJson, printLines } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { formatTable } from '../format-table.js';

export async function status(ctx: CliContext, id: string): Promise<ExitCode> {
  const task = await ctx.api.task(id);
  if (ctx.json) printJson(ctx, task);
  else printLines(ctx.stdout, describeTask(task));
  return ExitCode.OK;
}

const orDash = (value: string | number | null | undefined) =>
  value === null || value === undefined ? '-' : `${value}`;

/** The task's fields, one per line, optional ones only when set. */
export function describeTask(task: TaskDetail): string[] {
  const rows: [string, string][] = [
    ['id', task.id],
    ['type', task.type],
    ['status', task.status],
    ['duration_ms', `${task.duration_ms}`],
    ['dependencies', task.dependencies.length > 0 ? task.dependencies.join(', ') : '-'],
    [
      'waiting_on',
      task.waiting_on.length > 0 ? task.waiting_on.map((d) => `${d.id} (${d.status})`).join(', ') : '-',
    ],
    ['attempts', `${task.attempts} of ${task.max_attempts}`],
  ];
  if (task.fail_attempts > 0) rows.push(['fail_attempts', `${task.fail_attempts}`]);
  if (task.priority !== undefined) rows.push(['priority', `${task.priority}`]);
  if (task.not_before !== undefined) rows.push(['not_before', task.not_before]);
  rows.push(
    ['created_at', task.created_at],
    ['started_at', orDash(task.started_at)],
    ['completed_at', orDash(task.completed_at)],
    ['error', task.error ? `${task.error.code}: ${task.error.message}` : '-'],
  );
  return formatTable(rows);
}
