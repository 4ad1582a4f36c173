import { ApplicationFailure, Context, log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { attemptFailedSignal, attemptStartedSignal } from '../src/shared/messages.js';
import type { TaskRunResult } from '../src/shared/workflow-inputs.js';
import type { TaskSpec } from '../src/shared/task-definition.js';
import { AttemptOutcome, type WorkMetrics } from '../src/shared/work-metrics.js';
import { taskWorkflowId } from '../src/shared/workflow-ids.js';

/** How often the simulated work reports progress; Temporal detects a dead worker from missing heartbeats. */
const HEARTBEAT_INTERVAL_MS = 1_000;

/**
 * An attempt reports RUNNING to its workflow only once it has run this long. The report costs a signal, a
 * workflow task and a search-attribute write (about a third of a short task's Temporal work); an attempt that
 * ends sooner hands its start time and attempt number over with its result instead, so no timestamp is lost, it
 * is only never seen RUNNING: for less time than list and stats lag behind anyway.
 */
export const RUNNING_REPORT_DELAY_MS = 100;

/**
 * The work of a task, simulated: it lasts `duration_ms`, heartbeats its progress, can be cancelled, and fails its
 * first `fail_attempts` attempts. It tells its workflow when an attempt is running (RUNNING) and when one fails
 * (QUEUED again while a retry follows), because Temporal never wakes a workflow for either. Each attempt's
 * duration and outcome, and the attempts a task took, go to `metrics`.
 */
export function createRunTask(client: Client, metrics: WorkMetrics) {
  return async function runTask(spec: TaskSpec): Promise<TaskRunResult> {
    const ctx = Context.current();
    const { attempt } = ctx.info;
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1_000;
    const started_at = new Date().toISOString();
    const workflowId = taskWorkflowId(spec.id);
    const workflow = client.workflow.getHandle(workflowId);
    log.info('task attempt started', { taskId: spec.id, workflowId, attempt });
    const runningReport = delayed(RUNNING_REPORT_DELAY_MS, () =>
      workflow.signal(attemptStartedSignal, { attempt, started_at }),
    );
    try {
      if (attempt <= spec.fail_attempts) {
        throw ApplicationFailure.retryable(`simulated failure of attempt ${attempt}`, 'SimulatedFailure');
      }
      await simulateWork(ctx, spec.duration_ms);
      metrics.attemptEnded({ outcome: AttemptOutcome.COMPLETED, durationSeconds: seconds() });
      metrics.workEnded({ outcome: AttemptOutcome.COMPLETED, attempts: attempt });
      log.info('task attempt completed', { taskId: spec.id, workflowId, attempt });
      return { attempt, started_at, finished_at: new Date().toISOString() };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const cancelled = ctx.cancellationSignal.aborted;
      metrics.attemptEnded({
        outcome: cancelled ? AttemptOutcome.CANCELLED : AttemptOutcome.FAILED,
        durationSeconds: seconds(),
      });
      // Temporal retries up to max_attempts (workflows/work-activity-options.ts): the last failure is final.
      if (!cancelled && attempt >= spec.max_attempts) {
        metrics.workEnded({ outcome: AttemptOutcome.FAILED, attempts: attempt });
      }
      log.warn('task attempt failed', { taskId: spec.id, workflowId, attempt, error: message });
      if (!cancelled) {
        await workflow.signal(attemptFailedSignal, {
          attempt,
          started_at,
          error: { code: 'ATTEMPT_FAILED', message },
        });
      }
      throw err;
    } finally {
      // A report already on its way lands before the result: the workflow never sees RUNNING after the end.
      await runningReport.cancel();
    }
  };
}

/** Runs `send` after `delayMs` unless cancelled first; `cancel` waits for a send already under way. */
function delayed(delayMs: number, send: () => Promise<void>): { cancel(): Promise<void> } {
  let sending: Promise<void> | undefined;
  const timer = setTimeout(() => {
    sending = send().catch((err: unknown) => {
      log.warn('could not report RUNNING', { error: String(err) });
    });
  }, delayMs);
  return {
    async cancel() {
      clearTimeout(timer);
      await sending;
    },
  };
}

/** Sleeps `durationMs` in heartbeat-sized steps; rejects with a CancelledFailure if the activity is cancelled. */
async function simulateWork(ctx: Context, durationMs: number): Promise<void> {
  const deadline = Date.now() + durationMs;
  for (let remaining = durationMs; remaining > 0; remaining = deadline - Date.now()) {
    ctx.heartbeat({ remaining_ms: remaining });
    await ctx.sleep(Math.min(remaining, HEARTBEAT_INTERVAL_MS));
  }
}
