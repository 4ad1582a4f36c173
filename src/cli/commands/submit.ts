// `dagctl submit FILE [--watch]`: the whole DAG in one `POST /api/dags` (all of it or nothing), then, with
// --watch, its progress until every task has settled.
import type { Dag } from '../../shared/dag-definition.js';
import { TaskStatus } from '../../shared/task-status.js';
import type { DagSubmission } from '../api-client.js';
import { type CliContext, printJson, printLines } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { readTaskFile } from '../read-task-file.js';
import { countByStatus, describeCounts } from '../status-counts.js';
import { MAX_TASKS_READ, describeUnsuccessful, unsuccessfulTasks } from '../unsuccessful-tasks.js';
import { watchDag } from '../watch-dag.js';
import { createDagProgress } from '../watch-progress.js';

export interface SubmitOptions {
  /** Follow the DAG until it finishes; the exit code then says whether every task completed. */
  watch: boolean;
  /** Names the DAG, over the file's `dag_id`. */
  dagId?: string | undefined;
  /** Milliseconds between two progress reads with --watch. */
  intervalMs: number;
}

export async function submit(ctx: CliContext, file: string, options: SubmitOptions): Promise<ExitCode> {
  const body = await readTaskFile(file, ctx.stdin);
  // No `Prefer: respond-async`: the API answers 201 once every task exists, or 202 after 5 s of creating them.
  const submission = await ctx.api.submitDag(options.dagId ? { ...body, dag_id: options.dagId } : body);
  // With --json, one document: the submission's answer, or with --watch the DAG as it finished.
  if (ctx.json && !options.watch) printJson(ctx, submission.dag);
  if (!ctx.json) printLines(ctx.stdout, [describeSubmission(submission)]);
  if (!options.watch) return ExitCode.OK;

  const { dag_id: dagId } = submission.dag;
  const total = submission.outcome === 'pending' ? submission.dag.total : submission.dag.tasks.length;
  const interrupt = new AbortController();
  const onInterrupt = () => interrupt.abort();
  process.once('SIGINT', onInterrupt);
  let dag: Dag;
  try {
    dag = await watchDag({
      api: ctx.api,
      location: submission.location,
      dagId,
      pending: submission.outcome === 'pending',
      progress: createDagProgress(ctx.stderr, total),
      intervalMs: options.intervalMs,
      signal: interrupt.signal,
    });
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }

  const allCompleted = (dag.by_status[TaskStatus.COMPLETED] ?? 0) === dag.total;
  if (ctx.json) printJson(ctx, dag);
  else printLines(ctx.stdout, [`DAG ${dagId} finished: ${describeCounts(dag.by_status)} (of ${dag.total})`]);
  if (!ctx.json && !allCompleted)
    await printUnsuccessful(
      ctx,
      body.tasks.map(({ id }) => id),
    );
  return allCompleted ? ExitCode.OK : ExitCode.TASKS_UNSUCCESSFUL;
}

function describeSubmission(submission: DagSubmission): string {
  const id = submission.dag.dag_id;
  if (submission.outcome === 'pending') {
    return `DAG ${id}: accepted; its ${submission.dag.total} tasks are being created (progress: ${submission.location})`;
  }
  const { tasks } = submission.dag;
  const counts = describeCounts(countByStatus(tasks));
  return submission.outcome === 'created'
    ? `DAG ${id}: ${tasks.length} tasks created (${counts})`
    : `DAG ${id}: submitted before; its ${tasks.length} tasks now: ${counts}`;
}

async function printUnsuccessful(ctx: CliContext, ids: readonly string[]): Promise<void> {
  const unsuccessful = await unsuccessfulTasks(ctx.api, ids);
  if (unsuccessful) return printLines(ctx.stdout, describeUnsuccessful(unsuccessful));
  const hint = `more than ${MAX_TASKS_READ} tasks: dagctl list --status FAILED shows the failed ones`;
  printLines(ctx.stderr, [hint]);
}
