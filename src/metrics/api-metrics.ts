import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { TASK_STATUSES, type TaskStatus } from '../shared/task-status.js';

/** How a `POST /api/tasks` ended, as the `outcome` label of `dag_task_submissions_total`. */
export const SubmissionOutcome = {
  CREATED: 'created',
  /** An identical resubmission: 200 with the existing task. */
  IDEMPOTENT: 'idempotent',
  /** Any other error answer; its code is the `code` label. */
  REJECTED: 'rejected',
  /** 429 from admission control. */
  OVERLOADED: 'overloaded',
} as const;
export type SubmissionOutcome = (typeof SubmissionOutcome)[keyof typeof SubmissionOutcome];

/**
 * Request latencies in seconds, from a cached read (milliseconds) to a submission that waits for Temporal's 5 s
 * deadline.
 */
const REQUEST_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface ApiMetricsOptions {
  /**
   * The per-status counts: `TaskQueries.stats()`, whose answer is cached and shared with `/api/stats`, so a
   * scrape costs at most one refresh of that cache, never counts of its own.
   */
  stats: () => Promise<{ by_status: Record<TaskStatus, number> }>;
  /**
   * New tasks per second this API admits now (AdmissionControl.admittedRate): ADMISSION_MAX_RATE, or where the
   * adaptive rate stands. Undefined, or not given: no rate limit, and the gauge has no sample.
   */
  admittedRate?: () => number | undefined;
  /**
   * The QUEUED backlog as this API's admission check last counted it (AdmissionControl.lastQueued). Undefined, or
   * not given: no count yet (or ADMISSION_MAX_QUEUED=0), and the gauge has no sample.
   */
  admissionQueued?: () => number | undefined;
  /** Also export the Node.js process metrics (CPU, memory, event loop lag, GC). @defaultValue true */
  processMetrics?: boolean;
}

/** The API's Prometheus metrics, in a registry of their own (served at `/metrics`). */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly requestDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly submissions: Counter<'outcome' | 'code'>;

  constructor(options: ApiMetricsOptions) {
    const registers = [this.registry];
    this.requestDuration = new Histogram({
      name: 'dag_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route pattern (or "unmatched") and status',
      labelNames: ['method', 'route', 'status'],
      buckets: REQUEST_BUCKETS_S,
      registers,
    });
    this.submissions = new Counter({
      name: 'dag_task_submissions_total',
      help: 'Task submissions (POST /api/tasks) by outcome (created, idempotent, rejected, overloaded) and error code',
      labelNames: ['outcome', 'code'],
      registers,
    });
    // Present from the start, so that rate() sees the first submission of each outcome.
    for (const outcome of [
      SubmissionOutcome.CREATED,
      SubmissionOutcome.IDEMPOTENT,
      SubmissionOutcome.OVERLOADED,
    ]) {
      this.submissions.inc({ outcome }, 0);
    }
    new Gauge({
      name: 'dag_tasks',
      help: 'Tasks in the namespace by status, from the visibility store (cached up to 0.5 s); absent while it cannot be read',
      labelNames: ['status'],
      registers,
      async collect() {
        try {
          const { by_status } = await options.stats();
          for (const status of TASK_STATUSES) this.set({ status }, by_status[status]);
        } catch {
          // Temporal unreachable: no samples rather than stale ones, and the rest of the scrape still answers.
          this.reset();
        }
      },
    });
    new Gauge({
      name: 'dag_admission_rate',
      help: 'New tasks per second this API admits before answering 429 (ADMISSION_MAX_RATE, or the adaptive rate now); absent without a rate limit',
      registers,
      collect() {
        const rate = options.admittedRate?.();
        if (rate === undefined) this.reset();
        else this.set(rate);
      },
    });
    new Gauge({
      name: 'dag_admission_queued',
      help: "QUEUED tasks on this deployment's task queue as this API's admission check last counted them (visibility); absent before a count or with ADMISSION_MAX_QUEUED=0",
      registers,
      collect() {
        const queued = options.admissionQueued?.();
        if (queued === undefined) this.reset();
        else this.set(queued);
      },
    });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  observeRequest(request: { method: string; route: string; status: number; seconds: number }): void {
    const { method, route, status, seconds } = request;
    this.requestDuration.observe({ method, route, status: String(status) }, seconds);
  }

  countSubmission(outcome: SubmissionOutcome, code?: string): void {
    this.submissions.inc(code === undefined ? { outcome } : { outcome, code });
  }
}
