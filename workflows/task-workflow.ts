import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
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
  dependencySettledSignal,
  subscribeSignal,
  subscribersQuery,
} from '../src/shared/messages.js';
import type { TaskSpec } from '../src/shared/task-definition.js';
import type { TaskStatus } from '../src/shared/task-status.js';
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

/** Runs the work; Temporal retries it with backoff up to max_attempts. */
async function runWork(task: TaskState, spec: TaskSpec): Promise<Settlement> {
  const { runTask } = proxyActivities<Activities>(workActivityOptions(spec));
  try {
    return task.onWorkCompleted(await runTask(spec));
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    return task.attemptsExhausted(err.cause?.message ?? err.message, new Date());
  }
}

/**
 * One task of the DAG. Waits (by signal, never polling) until every dependency completed, runs the work as an
 * activity with retries, records each status change as a search attribute, then tells its dependents.
 */
export async function taskWorkflow(input: TaskWorkflowInput): Promise<void> {
  const { spec } = input;
  const { subscribeToDependencies, notifyDependents } = dependencySignalActivities();
  const task = new TaskState(input);
  const runStarted = input.subscribed_to_dependencies ? 'task run continued' : 'task started';
  logStatus(runStarted, spec.id, task.status);
  setHandler(subscribeSignal, ({ subscriber }) => task.onSubscribe(subscriber));
  setHandler(subscribersQuery, () => [...task.subscribers]);
  setHandler(dependencySettledSignal, (args) => task.onDependencySettled(args));
  setHandler(attemptStartedSignal, (args) => write(task, spec.id, task.onAttemptStarted(args)));
  setHandler(attemptFailedSignal, (args) => write(task, spec.id, task.onAttemptFailed(args)));

  // 1. Wait for the dependencies and for not_before (a durable timer: it fires after any restart).
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
  // Not awaited: a failed dependency settles the task before the timer fires; the timer ends with the run.
  if (untilDue > 0) void sleep(untilDue).then(() => task.onDue());
  if (!task.ready()) {
    await condition(() => task.ready() || historyFull(input.history_event_limit));
    if (!task.ready()) {
      // Still waiting, and the history grew (every dependent that subscribes adds events): carry the state into
      // a fresh run. Nothing is in flight while waiting, and subscriptions are addressed to the workflow id, so
      // they reach the new run.
      await condition(allHandlersFinished);
      const next = makeContinueAsNewFunc<typeof taskWorkflow>({
        // Explicitly carried: the memo holds the task's fields, the search attributes its status.
        memo: workflowInfo().memo,
        typedSearchAttributes: workflowInfo().typedSearchAttributes,
      });
      return next(task.continueAsNewInput());
    }
  }

  // 2. Run the work, unless a dependency failed.
  let outcome = task.dependencyFailure(new Date());
  if (outcome === undefined) {
    write(task, spec.id, task.onDependenciesMet());
    outcome = await runWork(task, spec);
  }

  // 3. Record the final state, then notify every dependent that subscribed, including those that subscribe while
  //    notifications are in flight.
  write(task, spec.id, task.settle(outcome));
  const { status, error } = outcome;
  await notifyEverySubscriber(task.subscribers, (batch) =>
    notifyDependents({ dependency_id: spec.id, status, subscribers: batch }),
  );
  if (error) {
    log.info('task failed', { taskId: spec.id, code: error.code });
    throw ApplicationFailure.create({ message: error.message, type: error.code, nonRetryable: true });
  }
}
