import type { TelemetryOptions } from '@temporalio/worker';
import { WORK_HISTOGRAM_BUCKETS } from './work-metrics.js';

/**
 * Telemetry of the worker's Temporal runtime: with a port, the SDK's Prometheus exporter serves its own metrics
 * (slots, pollers, poll and schedule-to-start latencies, ...) and the work metrics on `/metrics` of that port,
 * on every interface. Durations in seconds, as Prometheus names them. Without a port, no metrics at all.
 */
export function workerTelemetry(metricsPort: number | undefined): TelemetryOptions | undefined {
  if (metricsPort === undefined) return undefined;
  return {
    metrics: {
      prometheus: {
        bindAddress: `0.0.0.0:${metricsPort}`,
        useSecondsForDurations: true,
        histogramBucketOverrides: WORK_HISTOGRAM_BUCKETS,
      },
    },
  };
}
