import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  CancelledFailure,
  allHandlersFinished,
  condition,
  isCancellation,
  log,
  makeContinueAsNewFunc,
  proxyActivities,
  setHandler,
  sleep,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities/create-activities.js';
import {
  attemptFailedSignal,
  attemptStartedSignal,
  type CancelArgs,
  cancelUpdate,
  dependencySettledSignal,
  subscribeSignal,
  subscribersQuery,
} from '../src/shared/messages.js';
import { TaskStatus, isSettled } from '../src/shared/task-status.js';
import type { TaskWorkflowInput } from '../src/shared/workflow-inputs.js';
import { type Settlement, type StateWrite, TaskState } from './task-state.js';
import { workActivityOptions } from './work-activity-options.js';
import { dependencySignalActivities } from './dependency-signal-activities.js';
import { historyFull, notifyEverySubscriber } from './subscribers.js';

type Activities = ReturnType<typeof createActivities>;

/**
 * One log line per status, with the ids a log search for the task uses. The workflow logger is replay-safe (it is
 * silent while a history replays) and logging is not a command, so this never changes the history.
 */
function logStatus(
  message: 'task started' | 'task run continued' | 'task status changed',
  taskId: string,
  status: TaskStatus,
): void {
  log.info(message, { taskId, workflowId: workflowInfo().workflowId, status });
}

/** Writes what a transition changed, in the workflow task of the change, and logs the status it reached. */
function write(task: TaskState, taskId: string, change: StateWrite | undefined): void {
  if (change === undefined) return;
  upsertSearchAttributes(change.searchAttributes);
  if (change.memo) upsertMemo(change.memo);
  logStatus('task status changed', taskId, task.status);
}

/**
 * Runs the work in `scope`; Temporal retries it with backoff up to max_attempts. A cancelled scope (a cancel
 * request, or the workflow cancelled in the Web UI) interrupts it: the worker sees that at its next heartbeat, and
 * the workflow waits until the work has stopped, so its slot is free when the task reads CANCELLED.
 */
async function runWork(
  task: TaskState,
  input: TaskWorkflowInput,
  scope: CancellationScope,
): Promise<Settlement> {
  const { spec } = input;
  const { runTask } = proxyActivities<Activities>(workActivityOptions(spec, input.work_task_queue));
  try {
    return task.onWorkCompleted(await scope.run(() => runTask(spec)));
  } catch (err) {
    if (!(err instanceof ActivityFailure) && !isCancellation(err)) throw err;
    if (isCancellation(err)) task.onCancelRequested(false); // a no-op after a cancel request
    // Also after a timeout of an attempt whose worker died while being cancelled: Temporal retries no more.
    if (task.cancelRequested()) return task.cancellation(new Date());
    return task.attemptsExhausted(
      err instanceof ActivityFailure ? (err.cause?.message ?? err.message) : '',
      new Date(),
    );
  }
}

/** Waits for the dependencies and for not_before; false when the run must continue as new instead. */
async function waitUntilReady(task: TaskState, input: TaskWorkflowInput): Promise<boolean> {
  const { subscribeToDependencies } = dependencySignalActivities();
  const unsettled = task.unsettledDependencies();
  if (unsettled.length > 0 && !input.subscribed_to_dependencies) {
    task.onSubscribed(
      await subscribeToDependencies({
        subscriber: workflowInfo().workflowId,
        dependency_ids: unsettled,
        relayed_dependency_ids: input.relayed_dependencies,
      }),
    );
  }
  const untilDue = task.timeUntilDue(Date.now());
  // Not awaited: a failed dependency or a cancellation settles the task before the timer fires, and the timer ends
  // with the run. Only a cancellation of the workflow rejects it, which the caller handles.
  if (untilDue > 0)
    void sleep(untilDue).then(
      () => task.onDue(),
      () => undefined,
    );
  if (task.ready()) return true;
  await condition(() => task.ready() || historyFull(input.history_event_limit));
  // Still waiting, and the history grew (every dependent that subscribes adds events): the caller carries the
  // state into a fresh run once no message handler is busy. Nothing is in flight while waiting.
  await condition(() => task.ready() || allHandlersFinished());
  return task.ready();
}

/**
 * One task of the DAG. Waits (by signal, never polling) until every dependency completed, runs the work as an
 * activity with retries, records each status change as a search attribute, then tells its dependents. A cancel
 * request (API update, or a cancellation of the workflow, e.g. from the Web UI) settles it CANCELLED at any point
 * before it settled.
 */
export async function taskWorkflow(input: TaskWorkflowInput): Promise<void> {
  const { spec } = input;
  const { notifyDependents } = dependencySignalActivities();
  const task = new TaskState(input, workflowInfo().startTime);
  // The work's scope, once the work is about to start: a cancel request cancels it, and as a child of the
  // workflow's scope it is cancelled with the workflow too. (Cancelling a scope that never ran anything would leave
  // a rejected promise nobody handles, which fails the workflow task.)
  let work: CancellationScope | undefined;
  const runStarted = input.subscribed_to_dependencies ? 'task run continued' : 'task started';
  logStatus(runStarted, spec.id, task.status);
  setHandler(subscribeSignal, ({ subscriber }) => task.onSubscribe(subscriber));
  setHandler(subscribersQuery, () => [...task.subscribers]);
  setHandler(dependencySettledSignal, (args) => task.onDependencySettled(args));
  setHandler(attemptStartedSignal, (args) => write(task, spec.id, task.onAttemptStarted(args)));
  setHandler(attemptFailedSignal, (args) => write(task, spec.id, task.onAttemptFailed(args)));
  setHandler(
    cancelUpdate,
    async ({ cascade }) => {
      task.onCancelRequested(cascade);
      work?.cancel();
      await condition(() => isSettled(task.status) || task.status === TaskStatus.RUNNING);
      return task.status;
    },
    {
      // Rejected updates leave no trace in the history.
      validator: (_request: CancelArgs) => {
        if (isSettled(task.status))
          throw ApplicationFailure.nonRetryable(`task is ${task.status}`, 'TASK_SETTLED');
      },
    },
  );

  // 1. Wait for the dependencies and for not_before (a durable timer: it fires after any restart).
  try {
    if (!(await waitUntilReady(task, input))) {
      const next = makeContinueAsNewFunc<typeof taskWorkflow>({
        // Explicitly carried: the memo holds the task's fields, the search attributes its status.
        memo: workflowInfo().memo,
        typedSearchAttributes: workflowInfo().typedSearchAttributes,
      });
      return next(task.continueAsNewInput());
    }
  } catch (err) {
    if (!isCancellation(err)) throw err;
    task.onCancelRequested(false); // the workflow was cancelled (Web UI, CLI) while it waited
  }

  // 2. Run the work, unless the task was cancelled or a dependency failed or was cancelled.
  let outcome = task.outcomeWithoutWork(new Date());
  if (outcome === undefined) {
    write(task, spec.id, task.onDependenciesMet());
    work = new CancellationScope();
    outcome = await runWork(task, input, work);
  }

  // 3. Record the final state, then notify every dependent that subscribed, including those that subscribe while
  //    notifications are in flight. Not cancellable: a cancelled workflow still tells its dependents.
  write(task, spec.id, task.settle(outcome));
  const { status, error, cascade } = outcome;
  const settled_at = cascade ? outcome.completedAt.toISOString() : undefined;
  await CancellationScope.nonCancellable(() =>
    notifyEverySubscriber(task.subscribers, (batch) =>
      notifyDependents({ dependency_id: spec.id, status, cascade, settled_at, subscribers: batch }),
    ),
  );
  if (error) {
    log.info(status === TaskStatus.CANCELLED ? 'task cancelled' : 'task failed', {
      taskId: spec.id,
      code: error.code,
    });
    // A workflow cancelled from outside closes as Canceled in Temporal; otherwise as Failed, with the error code.
    if (status === TaskStatus.CANCELLED && CancellationScope.current().consideredCancelled) {
      throw new CancelledFailure(error.message);
    }
    throw ApplicationFailure.create({ message: error.message, type: error.code, nonRetryable: true });
  }
}
