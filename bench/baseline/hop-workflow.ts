// The hop baseline's workflow code (bundled by the baseline worker). Deterministic: only @temporalio/workflow.
import { condition, getExternalWorkflowHandle, proxyActivities, setHandler } from '@temporalio/workflow';
import type { baselineActivities } from './baseline-activities.js';
import { type HopTimes, goSignal } from './hop-messages.js';

/** Same kind of timeout as a real task's work activity; it never fires for a no-op. */
const { stampedNoop } = proxyActivities<typeof baselineActivities>({ startToCloseTimeout: '1 minute' });

export interface HopWorkflowInput {
  /** Wait for `go` before working: every link but the first. */
  wait_for_go: boolean;
  /** Workflow id of the next link, signalled once this link's activity finished; null for the last link. */
  next: string | null;
}

/**
 * One link of a chain in bare Temporal: "A finished, tell B, B starts its work" with nothing else (no memo, no
 * search attributes, no subscription, no API). The signal goes from workflow code to the next workflow, the plain
 * way Temporal offers: what a hop costs without the scheduler. (The scheduler sends it from a local activity
 * inside A's workflow task instead, which skips the server's transfer-queue step for the outgoing signal.)
 */
export async function hopWorkflow(input: HopWorkflowInput): Promise<HopTimes> {
  let go = !input.wait_for_go;
  setHandler(goSignal, () => void (go = true));
  await condition(() => go);
  const times = await stampedNoop();
  if (input.next !== null) await getExternalWorkflowHandle(input.next).signal(goSignal);
  return times;
}
