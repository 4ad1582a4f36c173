import type { SubmissionResult } from './load/protocol.js';
import { percentiles } from './percentiles.js';
import type { WorkloadReport } from './workload-report.js';

/** The submit side of a workload's report, from what its load process measured. */
export function submitSummary(result: SubmissionResult): WorkloadReport['submit'] {
  const accepted = result.latencies_ms.length;
  return {
    per_s: (accepted * 1000) / (result.last_answered_at_ms - result.first_sent_at_ms),
    latency_ms: percentiles(result.latencies_ms),
    retries: result.retries,
    errors: result.error_count,
    error_samples: result.errors,
  };
}
