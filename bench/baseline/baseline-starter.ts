// Load process of the baseline: starts the baseline workflows directly with the Temporal client, with the same
// bound on requests in flight as the API load generator. Forked by the benchmark (see load/load-process.ts).
import { Client, Connection } from '@temporalio/client';
import type { SubmitItem, SubmitOutcome } from '../load/dependency-ordered-submit.js';
import { serveLoad } from '../load/serve-load.js';
import type { baselineWorkflow } from './baseline-workflow.js';

export interface BaselinePlan {
  address: string;
  namespace: string;
  taskQueue: string;
  workflowIds: string[];
  inFlight: number;
}

await serveLoad<BaselinePlan, SubmitItem>(async (plan) => {
  const connection = await Connection.connect({ address: plan.address });
  const client = new Client({ connection, namespace: plan.namespace });
  await client.workflowService.getSystemInfo({}); // opens the channel before the measured part
  return {
    items: plan.workflowIds.map((id) => ({ id, dependencies: [] })),
    inFlight: plan.inFlight,
    workflowIdOf: (item) => item.id,
    async submit(item): Promise<SubmitOutcome> {
      try {
        await client.workflow.start<typeof baselineWorkflow>('baselineWorkflow', {
          workflowId: item.id,
          taskQueue: plan.taskQueue,
        });
        return { ok: true };
      } catch (err) {
        // The client already retries transient gRPC failures internally; what reaches here is final.
        return { ok: false, retryable: false, message: (err as Error).message };
      }
    },
  };
});
