// Load process of the scheduler workloads: submits a workload's tasks to the REST API over HTTP, as clients
// would, with a bounded number of requests in flight. Forked by the benchmark (see load/load-process.ts).
import { taskWorkflowId } from '../src/shared/workflow-ids.js';
import type { SubmitOutcome } from './load/dependency-ordered-submit.js';
import { serveLoad } from './load/serve-load.js';
import type { BenchTask } from './workloads/bench-task.js';

export interface HttpLoadPlan {
  apiUrl: string;
  apiToken: string;
  type: string;
  tasks: BenchTask[];
  inFlight: number;
  /** Submissions per second; 0 = unlimited. */
  rate: number;
}

/** Answers that mean "busy, try again": the API maps an overloaded or unreachable Temporal to 503. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

await serveLoad<HttpLoadPlan, BenchTask>(async (plan) => {
  const url = `${plan.apiUrl}/api/tasks`;
  // Node's fetch (undici) keeps connections alive by default: up to `inFlight` sockets get reused throughout.
  // One request before `ready` opens the first connection and warms up the HTTP stack outside the measurement.
  const authorization = `Bearer ${plan.apiToken}`;
  const warmUp = await fetch(`${plan.apiUrl}/api/tasks?limit=1`, { headers: { authorization } });
  if (!warmUp.ok) throw new Error(`API warm-up answered ${warmUp.status}: ${await warmUp.text()}`);
  return {
    items: plan.tasks,
    inFlight: plan.inFlight,
    rate: plan.rate,
    workflowIdOf: (task) => taskWorkflowId(task.id),
    async submit(task): Promise<SubmitOutcome> {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify({ ...task, type: plan.type }),
        });
        const body = await response.text();
        if (response.status === 201 || response.status === 200) return { ok: true };
        return {
          ok: false,
          retryable: RETRYABLE_STATUSES.has(response.status),
          message: `HTTP ${response.status} ${body.slice(0, 300)}`,
        };
      } catch (err) {
        return { ok: false, retryable: true, message: (err as Error).message };
      }
    },
  };
});
