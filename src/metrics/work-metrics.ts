import type { MetricMeter } from '@temporalio/common';
import type { WorkMetrics } from '../shared/work-metrics.js';

export const WORK_DURATION_METRIC = 'dag_task_work_duration_seconds';
export const ATTEMPTS_METRIC = 'dag_task_attempts';

/**
 * Bucket boundaries of the work histograms, for the Temporal runtime's Prometheus exporter (whose defaults are
 * latency buckets in ms). Work lasts from milliseconds to a day (`duration_ms` ≤ 86,400,000); attempts are
 * 1–100 (`max_attempts`).
 */
export const WORK_HISTOGRAM_BUCKETS: Record<string, number[]> = {
  [WORK_DURATION_METRIC]: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600, 21600, 86400],
  [ATTEMPTS_METRIC]: [1, 2, 3, 5, 10, 20, 50, 100],
};

/**
 * The work metrics on the Temporal runtime's meter, so that they are exported next to the SDK's own metrics, on
 * the worker's one Prometheus endpoint. Labelled by outcome only: task types are chosen by clients, and an
 * unbounded label would let them grow the metrics without limit.
 */
export function createWorkMetrics(meter: MetricMeter): WorkMetrics {
  const duration = meter.createHistogram(
    WORK_DURATION_METRIC,
    'float',
    's',
    'Duration of one attempt of the work of a task, by outcome (completed, failed, cancelled)',
  );
  const attempts = meter.createHistogram(
    ATTEMPTS_METRIC,
    'int',
    '',
    'Attempts the work of a task took, observed once it ended for good, by outcome (completed, failed)',
  );
  return {
    attemptEnded: ({ outcome, durationSeconds }) => duration.record(durationSeconds, { outcome }),
    workEnded: ({ outcome, attempts: count }) => attempts.record(count, { outcome }),
  };
}
