// `dagctl stats`: `GET /api/stats`, the number of tasks in total and by status (from visibility: it lags a little).
import { TASK_STATUSES } from '../../shared/task-status.js';
import { type CliContext, printJson, printLines } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { formatTable } from '../format-table.js';

export async function stats(ctx: CliContext): Promise<ExitCode> {
  const answer = await ctx.api.stats();
  if (ctx.json) printJson(ctx, answer);
  else
    printLines(
      ctx.stdout,
      formatTable([
        ...TASK_STATUSES.map((s) => [s, `${answer.by_status[s] ?? 0}`]),
        ['total', `${answer.total}`],
      ]),
    );
  return ExitCode.OK;
}
