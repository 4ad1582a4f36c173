import { proxyLocalActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities/create-activities.js';

type Activities = ReturnType<typeof createActivities>;

/**
 * The subscribe and notify activities, as local activities: they only talk to the Temporal frontend, so they run
 * inside the workflow worker, record one marker event each and never occupy one of the MAX_CONCURRENT_TASKS slots
 * reserved for the work itself.
 */
export function dependencySignalActivities() {
  return proxyLocalActivities<Pick<Activities, 'subscribeToDependencies' | 'notifyDependents'>>({
    startToCloseTimeout: '2 minutes',
    retry: { initialInterval: '200 ms', maximumInterval: '10 s' },
  });
}
