// The baseline's workflow code (bundled by the baseline worker). Deterministic: only @temporalio/workflow.
import { proxyActivities } from '@temporalio/workflow';
import type { baselineActivities } from './baseline-activities.js';

/** Same kind of timeout as a real task's work activity; it never fires for a no-op. */
const { noop } = proxyActivities<typeof baselineActivities>({ startToCloseTimeout: '1 minute' });

/**
 * The raw Temporal cost of one task: one workflow running one no-op activity, with no memo, no search attributes,
 * no signals and no dependencies. Returns the activity's finish time.
 */
export async function baselineWorkflow(): Promise<string> {
  return noop();
}
