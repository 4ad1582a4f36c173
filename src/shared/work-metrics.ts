// What the work activity reports for metrics. The worker passes an implementation (src/metrics/work-metrics.ts);
// activities see only this interface, so they stay free of the metrics library.

/** How one attempt of a task's work ended. */
export const AttemptOutcome = {
  COMPLETED: 'completed',
  FAILED: 'failed',
  /** Cancelled: the worker shut down or Temporal gave the attempt up (it is retried). */
  CANCELLED: 'cancelled',
} as const;
export type AttemptOutcome = (typeof AttemptOutcome)[keyof typeof AttemptOutcome];

/** How a task's work ended for good: done, or failed on its last attempt. */
export type WorkOutcome = typeof AttemptOutcome.COMPLETED | typeof AttemptOutcome.FAILED;

export interface WorkMetrics {
  /** One attempt ended after `durationSeconds` of work. */
  attemptEnded(attempt: { outcome: AttemptOutcome; durationSeconds: number }): void;
  /** The task's work ended for good after `attempts` attempts: no retry follows. */
  workEnded(work: { outcome: WorkOutcome; attempts: number }): void;
}

/** Records nothing: for activities built without metrics (tests). */
export const noWorkMetrics: WorkMetrics = {
  attemptEnded: () => undefined,
  workEnded: () => undefined,
};
