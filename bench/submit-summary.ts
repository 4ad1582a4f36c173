import type { SubmissionResult } from './load/protocol.js';
import { percentiles } from './percentiles.js';
import type { WorkloadReport } from './workload-report.js';

/** The submit side of a workload's report, from what its load process measured. */
export function submitSummary(result: SubmissionResult): WorkloadReport['submit'] {
  const accepted = result.latencies_ms.length;
  const firstAttempts = accepted + result.error_count;
  const offerSpan = result.last_first_attempt_at_ms - result.first_sent_at_ms;
  return {
    per_s: (accepted * 1000) / (result.last_answered_at_ms - result.first_sent_at_ms),
    offered_per_s: offerSpan > 0 ? (firstAttempts * 1000) / offerSpan : Number.NaN,
    latency_ms: percentiles(result.latencies_ms),
    accepted_request_ms: percentiles(result.accepted_request_ms),
    attempts: result.attempts,
    retries: result.retries,
    retried_answers: result.retried_answers,
    errors: result.error_count,
    error_samples: result.errors,
  };
}
