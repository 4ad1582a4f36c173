import { status as GrpcStatus } from '@grpc/grpc-js';
import { type Connection, isGrpcServiceError } from '@temporalio/client';
import proto from '@temporalio/proto';
import { setRetention } from '../temporal/retention.js';
import { retryUntil } from './frontend-ready.js';

const SECONDS_PER_DAY = 86_400;

/**
 * Registers the namespace on a new cluster (a real server, unlike the dev server, starts with none but the system
 * namespace), or applies the configured retention to an existing one. Resolves once the namespace serves
 * visibility and operator calls: the frontend caches namespaces and learns a new one only on its next refresh.
 */
export async function ensureNamespace(connection: Connection, namespace: string, retentionDays: number) {
  const created = await retryUntil(async () => {
    try {
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: proto.google.protobuf.Duration.fromObject({
          seconds: retentionDays * SECONDS_PER_DAY,
        }),
      });
      return true;
    } catch (err) {
      if (isGrpcServiceError(err) && err.code === GrpcStatus.ALREADY_EXISTS) return false;
      throw err;
    }
  }, `registering namespace ${namespace}`);
  if (!created)
    await retryUntil(() => setRetention(connection, namespace, retentionDays), 'setting retention');
  await retryUntil(async () => {
    await connection.workflowService.countWorkflowExecutions({ namespace });
    await connection.operatorService.listSearchAttributes({ namespace });
  }, `waiting for namespace ${namespace} to serve`);
  return created;
}
