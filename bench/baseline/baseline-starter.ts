// Load process of the baselines: starts their workflows directly with the Temporal client, with the same bound on
// requests in flight as the API load generator. Forked by the benchmark (see load/load-process.ts).
import { Client, Connection } from '@temporalio/client';
import type { SubmitItem, SubmitOutcome } from '../load/dependency-ordered-submit.js';
import { serveLoad } from '../load/serve-load.js';
import type * as baselineWorkflows from './baseline-workflows.js';

type Workflows = typeof baselineWorkflows;

/**
 * One workflow to start, typed by its workflow. Its `dependencies` are ids started before it (the hop chain
 * starts its first link only once every other link exists to take a signal).
 */
export type BaselineStart = {
  [T in keyof Workflows]: SubmitItem & { workflowType: T; args: Parameters<Workflows[T]> };
}[keyof Workflows];

export interface BaselinePlan {
  address: string;
  namespace: string;
  taskQueue: string;
  starts: BaselineStart[];
  inFlight: number;
}

await serveLoad<BaselinePlan, BaselineStart>(async (plan) => {
  const connection = await Connection.connect({ address: plan.address });
  const client = new Client({ connection, namespace: plan.namespace });
  await client.workflowService.getSystemInfo({}); // opens the channel before the measured part
  return {
    items: plan.starts,
    inFlight: plan.inFlight,
    workflowIdOf: (item) => item.id,
    async submit(item): Promise<SubmitOutcome> {
      try {
        await client.workflow.start(item.workflowType, {
          workflowId: item.id,
          taskQueue: plan.taskQueue,
          args: item.args,
        });
        return { ok: true };
      } catch (err) {
        // The client already retries transient gRPC failures internally; what reaches here is final.
        return { ok: false, retryable: false, message: (err as Error).message };
      }
    },
  };
});
