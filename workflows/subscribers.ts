// What a task workflow and a dependents relay share: the subscriber set, its notification, and when a waiting
// run must continue as new.
import { allHandlersFinished, condition, workflowInfo } from '@temporalio/workflow';

/**
 * A waiting run continues as new past this many history events (or when Temporal suggests it, at 4,096), well
 * below the 10,240-event warning: a workflow subscribed to by thousands of dependents never outgrows its history.
 */
export const HISTORY_EVENT_LIMIT = 4_000;

/** True once this run's history is long enough that a waiting run should continue as new. */
export function historyFull(limit = HISTORY_EVENT_LIMIT): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength > limit;
}

/**
 * Notifies every subscriber, including those that subscribe while notifications are in flight. A subscription
 * that lands during the final workflow task makes the server reject the completion, so the caller's workflow runs
 * this loop again for it: nobody who subscribed before the close is missed.
 */
export async function notifyEverySubscriber(
  subscribers: ReadonlySet<string>,
  notify: (batch: string[]) => Promise<void>,
): Promise<void> {
  const notified = new Set<string>();
  for (;;) {
    const batch = [...subscribers].filter((id) => !notified.has(id));
    if (batch.length === 0) break;
    await notify(batch);
    batch.forEach((id) => notified.add(id));
  }
  await condition(allHandlersFinished);
}
