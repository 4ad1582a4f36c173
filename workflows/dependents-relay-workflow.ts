import {
  allHandlersFinished,
  condition,
  makeContinueAsNewFunc,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { dependencySettledSignal, subscribeSignal, subscribersQuery } from '../src/shared/messages.js';
import type { DependentsRelayInput } from '../src/shared/workflow-inputs.js';
import type { DependencySettledArgs } from '../src/shared/messages.js';
import { dependencySignalActivities } from './dependency-signal-activities.js';
import { historyFull, notifyEverySubscriber } from './subscribers.js';

/**
 * Collects the subscriptions of a task with very many dependents and passes its outcome on to them.
 *
 * Each subscription adds events to the history of the workflow it lands on. A waiting task sheds them by continuing
 * as new, but a task whose work activity is running cannot (that would orphan the activity), so thousands of
 * dependents subscribing during a long run would push its history past Temporal's limits. The API therefore sends
 * the dependents of a task whose history is already long here instead. The relay never runs an activity of its
 * own, so it can always continue as new; it subscribes to the task once, like any dependent.
 *
 * A dependent that subscribes after the relay closed starts a new relay run (signal-with-start), which finds the
 * task closed and answers at once.
 */
export async function dependentsRelayWorkflow(input: DependentsRelayInput): Promise<void> {
  const { subscribeToDependencies, notifyDependents } = dependencySignalActivities();
  const subscribers = new Set<string>(input.subscribers);
  let outcome: Omit<DependencySettledArgs, 'dependency_id'> | undefined;

  setHandler(subscribeSignal, ({ subscriber }) => void subscribers.add(subscriber));
  setHandler(subscribersQuery, () => [...subscribers]);
  setHandler(dependencySettledSignal, ({ dependency_id, ...settled }) => {
    if (dependency_id === input.task_id) outcome = settled;
  });

  if (!input.subscribed) {
    const alreadySettled = await subscribeToDependencies({
      subscriber: workflowInfo().workflowId,
      dependency_ids: [input.task_id],
    });
    const settled = alreadySettled[input.task_id];
    if (settled !== undefined) outcome ??= typeof settled === 'string' ? { status: settled } : settled;
  }
  await condition(() => outcome !== undefined || historyFull(input.history_event_limit));
  if (outcome === undefined) {
    await condition(allHandlersFinished);
    const next = makeContinueAsNewFunc<typeof dependentsRelayWorkflow>();
    return next({ ...input, subscribers: [...subscribers], subscribed: true });
  }
  // Passed on as the task sent it: each dependent decides whether a cascade reaches it (it does if it existed then).
  const settled = outcome;
  await notifyEverySubscriber(subscribers, (batch) =>
    notifyDependents({ dependency_id: input.task_id, ...settled, subscribers: batch }),
  );
}
