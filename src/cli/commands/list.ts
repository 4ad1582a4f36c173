// `dagctl list [--status S] [--type T] [--limit N] [--cursor C | --all]`: `GET /api/tasks`, one page, or every
// page by following `next_cursor`.
import type { Task } from '../../shared/task-definition.js';
import type { TaskStatus } from '../../shared/task-status.js';
import { type CliContext, printJson, printLines } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { formatTable } from '../format-table.js';

export interface ListOptions {
  status?: TaskStatus | undefined;
  type?: string | undefined;
  /** Tasks per page (the API's `limit`, 1–1000; its default is 100). */
  limit?: number | undefined;
  /** The `next_cursor` of a previous page, with the same filters. */
  cursor?: string | undefined;
  /** Follow `next_cursor` to the last page. */
  all: boolean;
}

export async function list(ctx: CliContext, options: ListOptions): Promise<ExitCode> {
  const tasks: Task[] = [];
  let cursor = options.cursor;
  do {
    const page = await ctx.api.listTasks({ ...options, cursor });
    tasks.push(...page.tasks);
    cursor = page.next_cursor ?? undefined;
  } while (options.all && cursor !== undefined);

  if (ctx.json) printJson(ctx, { tasks, next_cursor: cursor ?? null });
  else if (tasks.length === 0) printLines(ctx.stderr, ['no tasks']);
  else printLines(ctx.stdout, describeTasks(tasks));
  // A hint, not a result: on stderr, so that the table stays clean for grep and the like.
  if (!ctx.json && cursor !== undefined)
    printLines(ctx.stderr, [`more tasks: add --cursor ${cursor} (or --all)`]);
  return ExitCode.OK;
}

export function describeTasks(tasks: readonly Task[]): string[] {
  return formatTable([
    ['ID', 'TYPE', 'STATUS', 'ATTEMPTS', 'CREATED_AT', 'ERROR'],
    ...tasks.map((t) => [t.id, t.type, t.status, `${t.attempts}`, t.created_at, t.error?.code ?? '']),
  ]);
}
