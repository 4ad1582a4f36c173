import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  makeContinueAsNewFunc,
  proxyActivities,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { createActivities } from '../activities/create-activities.js';
import {
  attemptFailedSignal,
  attemptStartedSignal,
  dependencySettledSignal,
  subscribeSignal,
} from '../src/shared/messages.js';
import { type SettledStatus, TaskStatus } from '../src/shared/task-status.js';
import { type TaskError, TaskErrorCode } from '../src/shared/task-error.js';
import { type TaskWorkflowInput, initialStatus } from '../src/shared/workflow-inputs.js';
import { MEMO_ERROR } from '../src/shared/workflow-ids.js';
import { SearchAttributes } from '../src/shared/task-search-attributes.js';
import { AttemptTracker } from './attempt-tracker.js';
import { workActivityOptions } from './work-activity-options.js';
import { dependencySignalActivities } from './dependency-signal-activities.js';
import { historyFull, notifyEverySubscriber } from './subscribers.js';

type Activities = ReturnType<typeof createActivities>;

/**
 * One task of the DAG. Waits (by signal, never polling) until every dependency completed, runs the work as an
 * activity with retries, records each status change as a search attribute, then tells its dependents.
 */
export async function taskWorkflow(input: TaskWorkflowInput): Promise<void> {
  const { spec } = input;
  const { subscribeToDependencies, notifyDependents } = dependencySignalActivities();
  const settled = new Map<string, SettledStatus>(input.completed_dependencies.map((id) => [id, 'COMPLETED']));
  const subscribers = new Set<string>(input.subscribers);
  let status = initialStatus(input);
  const attempts = new AttemptTracker();

  setHandler(subscribeSignal, ({ subscriber }) => void subscribers.add(subscriber));
  setHandler(dependencySettledSignal, ({ dependency_id, status: depStatus }) => {
    if (spec.dependencies.includes(dependency_id)) settled.set(dependency_id, depStatus);
  });
  const settledAlready = () => status === TaskStatus.COMPLETED || status === TaskStatus.FAILED;
  setHandler(attemptStartedSignal, ({ attempt, started_at }) => {
    if (settledAlready()) return;
    if (attempts.record(attempt, started_at)) setStatus(TaskStatus.RUNNING, attempts.searchAttributes());
  });
  setHandler(attemptFailedSignal, ({ attempt, started_at, error }) => {
    if (settledAlready()) return;
    // The last attempt's failure is recorded here and reported by the activity's failure below.
    if (attempts.record(attempt, started_at) && attempt < spec.max_attempts) {
      setStatus(TaskStatus.QUEUED, attempts.searchAttributes());
      upsertMemo({ [MEMO_ERROR]: error });
    }
  });

  // One upsert per status change: one history event, and the change shows in list, stats and the Web UI.
  function setStatus(next: TaskStatus, extra: SearchAttributeUpdatePair[] = []): void {
    status = next;
    upsertSearchAttributes([{ key: SearchAttributes.status, value: next }, ...extra]);
  }

  const failedDependency = (): string | undefined =>
    spec.dependencies.find((id) => settled.get(id) === TaskStatus.FAILED);

  // 1. Wait for the dependencies.
  const unsettled = spec.dependencies.filter((id) => !settled.has(id));
  if (unsettled.length > 0) {
    if (!input.subscribed_to_dependencies) {
      const alreadySettled = await subscribeToDependencies({
        subscriber: workflowInfo().workflowId,
        dependency_ids: unsettled,
        relayed_dependency_ids: input.relayed_dependencies,
      });
      for (const [id, depStatus] of Object.entries(alreadySettled)) settled.set(id, depStatus);
    }
    const ready = () => failedDependency() !== undefined || settled.size === spec.dependencies.length;
    await condition(() => ready() || historyFull(input.history_event_limit));
    if (!ready()) {
      // Still waiting, and the history grew (every dependent that subscribes adds events): carry the state into
      // a fresh run. Nothing is in flight while waiting, and subscriptions are addressed to the workflow id, so
      // they reach the new run.
      await condition(allHandlersFinished);
      const next = makeContinueAsNewFunc<typeof taskWorkflow>({
        // Explicitly carried: the memo holds the task's fields, the search attributes its status.
        memo: workflowInfo().memo,
        typedSearchAttributes: workflowInfo().typedSearchAttributes,
      });
      return next({
        ...input,
        completed_dependencies: [...settled.keys()],
        subscribers: [...subscribers],
        subscribed_to_dependencies: true,
      });
    }
  }
  const failed = failedDependency();
  if (failed !== undefined) {
    return finish(TaskStatus.FAILED, new Date(), {
      code: TaskErrorCode.DEPENDENCY_FAILED,
      message: `dependency "${failed}" failed`,
    });
  }
  if (status === TaskStatus.WAITING) setStatus(TaskStatus.QUEUED);

  // 2. Run the work; Temporal retries it with backoff up to max_attempts.
  const { runTask } = proxyActivities<Activities>(workActivityOptions(spec));
  let finishedAt: string;
  try {
    const result = await runTask(spec);
    attempts.record(result.attempt, result.started_at);
    finishedAt = result.finished_at;
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    return finish(TaskStatus.FAILED, new Date(), {
      code: TaskErrorCode.ATTEMPTS_EXHAUSTED,
      message: `all ${spec.max_attempts} attempts failed; last error: ${err.cause?.message ?? err.message}`,
    });
  }
  return finish(TaskStatus.COMPLETED, new Date(finishedAt));

  // 3. Record the final state, then notify every dependent that subscribed, including those that subscribe while
  //    notifications are in flight.
  async function finish(final: SettledStatus, completedAt: Date, error?: TaskError): Promise<void> {
    // One upsert with everything: a short task goes from QUEUED to COMPLETED in a single write.
    setStatus(final, [
      ...attempts.searchAttributes(),
      { key: SearchAttributes.completedAt, value: completedAt },
    ]);
    if (error) upsertMemo({ [MEMO_ERROR]: error });
    await notifyEverySubscriber(subscribers, (batch) =>
      notifyDependents({ dependency_id: spec.id, status: final, subscribers: batch }),
    );
    if (error) {
      log.info('task failed', { taskId: spec.id, code: error.code });
      throw ApplicationFailure.create({ message: error.message, type: error.code, nonRetryable: true });
    }
  }
}
