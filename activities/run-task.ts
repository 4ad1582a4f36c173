import { ApplicationFailure, Context, log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { attemptFailedSignal, attemptStartedSignal } from '../workflows/messages.js';
import { type TaskRunResult, type TaskSpec, taskWorkflowId } from '../workflows/task-model.js';

/** How often the simulated work reports progress; Temporal detects a dead worker from missing heartbeats. */
const HEARTBEAT_INTERVAL_MS = 1_000;

/**
 * The work of a task, simulated: it lasts `duration_ms`, heartbeats its progress, can be cancelled, and fails its
 * first `fail_attempts` attempts. It tells its workflow when an attempt starts (the task is RUNNING) and when one
 * fails with a retry to follow (QUEUED again), because Temporal never wakes a workflow for either.
 */
export function createRunTask(client: Client) {
  return async function runTask(spec: TaskSpec): Promise<TaskRunResult> {
    const ctx = Context.current();
    const { attempt } = ctx.info;
    const workflow = client.workflow.getHandle(taskWorkflowId(spec.id));
    // Awaited before the work: the RUNNING signal is in history before the activity's completion, always.
    await workflow.signal(attemptStartedSignal, { attempt, started_at: new Date().toISOString() });
    try {
      if (attempt <= spec.fail_attempts) {
        throw ApplicationFailure.retryable(`simulated failure of attempt ${attempt}`, 'SimulatedFailure');
      }
      await simulateWork(ctx, spec.duration_ms);
      return { finished_at: new Date().toISOString() };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log.warn('task attempt failed', { taskId: spec.id, attempt, error: message });
      if (attempt < spec.max_attempts && !ctx.cancellationSignal.aborted) {
        await workflow.signal(attemptFailedSignal, { attempt, error: { code: 'ATTEMPT_FAILED', message } });
      }
      throw err;
    }
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
