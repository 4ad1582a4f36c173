import type { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';

const SECONDS_PER_DAY = 86_400;

/**
 * Sets how long closed workflows (finished tasks) stay in the namespace. Only the embedded server does this at
 * start-up: on a shared cluster retention is the operator's decision.
 */
export async function setRetention(connection: Connection, namespace: string, days: number): Promise<void> {
  await connection.workflowService.updateNamespace({
    namespace,
    config: {
      workflowExecutionRetentionTtl: proto.google.protobuf.Duration.fromObject({
        seconds: days * SECONDS_PER_DAY,
      }),
    },
  });
}
