// The hop baseline's signal and payload, defined once for its workflow, its activity and the report.
import { defineSignal } from '@temporalio/workflow';

/** Sent by a link of the hop chain to the next one once its activity finished: "your dependency is done". */
export const goSignal = defineSignal('go');

/** When a link's activity started and finished (ISO 8601 UTC, the worker's clock), as a task's activity reports. */
export interface HopTimes {
  started_at: string;
  finished_at: string;
}
