// IPC between the benchmark and a load process. Submitting from a separate process keeps the load generator's CPU
// out of the API's and the benchmark's, and lets it be measured on its own.

/** What every load process reports when it has submitted everything. */
export interface SubmissionResult {
  /** Per accepted submission: first send to final answer (retries and their waits included), in ms. */
  latencies_ms: number[];
  /** Per accepted submission: the one request that was accepted, send to answer, in ms. */
  accepted_request_ms: number[];
  /** Wall-clock (epoch ms) of the first request sent and of the last answer received. */
  first_sent_at_ms: number;
  last_answered_at_ms: number;
  /** Wall-clock (epoch ms) of the last first attempt: first attempts / (this - first_sent_at_ms) is the offered rate. */
  last_first_attempt_at_ms: number;
  /** Every request sent, retries included. */
  attempts: number;
  /** Retryable answers (429, 503, connection errors) that were retried. */
  retries: number;
  /** The same, by answer: "429", "503", "network", ... */
  retried_answers: Record<string, number>;
  error_count: number;
  /** The first few errors, verbatim, for the report. */
  errors: string[];
}

/** Parent to child. `plan` carries the work; `go` starts it once the parent has read the CPU counters. */
export type ToLoadProcess<P> = { type: 'plan'; plan: P } | { type: 'go' };

/** Child to parent. `accepted` lists workflow ids as they are accepted, so their completion is awaited at once. */
export type FromLoadProcess =
  | { type: 'ready' }
  | { type: 'accepted'; workflow_ids: string[] }
  | { type: 'done'; result: SubmissionResult };
