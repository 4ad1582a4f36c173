// Load process of the scheduler workloads: submits a workload's tasks to the REST API over HTTP, as clients
// would, with a bounded number of requests in flight, round-robin over the APIs. Forked by the benchmark (see
// load/load-process.ts).
import { taskWorkflowId } from '../src/shared/workflow-ids.js';
import type { SubmitOutcome } from './load/dependency-ordered-submit.js';
import { parseRetryAfter } from './load/retry-policy.js';
import { serveLoad } from './load/serve-load.js';
import type { BenchTask } from './workloads/bench-task.js';

export interface HttpLoadPlan {
  /** Base URLs of the APIs: each request goes to the next one. */
  apiUrls: string[];
  apiToken: string;
  type: string;
  tasks: BenchTask[];
  inFlight: number;
  /** Submissions per second; 0 = unlimited. */
  rate: number;
}

/**
 * Answers that mean "busy, try again" (docs/api.md): 429 from admission control, 503 while Temporal is away; 502
 * and 504 would come from a proxy in front.
 */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

await serveLoad<HttpLoadPlan, BenchTask>(async (plan) => {
  // Node's fetch (undici) keeps connections alive by default: up to `inFlight` sockets get reused throughout.
  // One request per API before `ready` opens the first connections and warms up the HTTP stack outside the
  // measurement.
  const authorization = `Bearer ${plan.apiToken}`;
  for (const apiUrl of plan.apiUrls) {
    const warmUp = await fetch(`${apiUrl}/api/tasks?limit=1`, { headers: { authorization } });
    if (!warmUp.ok) throw new Error(`API warm-up answered ${warmUp.status}: ${await warmUp.text()}`);
  }
  let turn = 0;
  return {
    items: plan.tasks,
    inFlight: plan.inFlight,
    rate: plan.rate,
    workflowIdOf: (task) => taskWorkflowId(task.id),
    async submit(task): Promise<SubmitOutcome> {
      const url = `${plan.apiUrls[turn++ % plan.apiUrls.length]!}/api/tasks`;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify({ ...task, type: plan.type }),
        });
        const body = await response.text();
        if (response.status === 201 || response.status === 200) return { ok: true };
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        return {
          ok: false,
          retryable: RETRYABLE_STATUSES.has(response.status),
          answer: String(response.status),
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
          message: `HTTP ${response.status} ${body.slice(0, 300)}`,
        };
      } catch (err) {
        return { ok: false, retryable: true, answer: 'network', message: (err as Error).message };
      }
    },
  };
});
