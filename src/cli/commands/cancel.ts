// `dagctl cancel ID [--cascade]`: `POST /api/tasks/:id/cancel`. A WAITING or QUEUED task is CANCELLED at once; a
// RUNNING one once its work has stopped (the API answers 202 meanwhile, and the task reads CANCELLED within about
// a second).
import { type CliContext, printJson, printLines } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';

export async function cancel(
  ctx: CliContext,
  id: string,
  { cascade }: { cascade: boolean },
): Promise<ExitCode> {
  const { outcome, task } = await ctx.api.cancel(id, cascade);
  if (ctx.json) printJson(ctx, task);
  else if (outcome === 'stopping') {
    printLines(ctx.stdout, [
      `task ${task.id}: ${task.status}; its work is being stopped, then it reads CANCELLED`,
    ]);
  } else {
    const reason = task.error ? ` (${task.error.message})` : '';
    printLines(ctx.stdout, [`task ${task.id}: ${task.status}${reason}`]);
  }
  if (!ctx.json && cascade) printLines(ctx.stderr, ['its dependents, and theirs, are cancelled too']);
  return ExitCode.OK;
}
