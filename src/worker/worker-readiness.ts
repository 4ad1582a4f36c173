import type { Worker } from '@temporalio/worker';
import {
  type ReadinessConnection,
  type TemporalReadiness,
  checkTemporalReadiness,
} from '../temporal/readiness.js';

/** The worker's `/readyz` answer: the API's reasons, plus a worker that is not polling (starting or stopping). */
export type WorkerReadiness = TemporalReadiness | { status: 'worker_not_running'; worker_state: string };

export interface WorkerReadinessSource {
  /** The client connection, once connected; unset while the process still waits for Temporal. */
  connection?: ReadinessConnection;
  namespace: string;
  /** The worker, once created (after bundling its workflows). */
  worker?: Pick<Worker, 'getState'>;
}

/** Ready when Temporal is (see checkTemporalReadiness) and the worker polls its task queue (state RUNNING). */
export async function workerReadiness(source: WorkerReadinessSource): Promise<WorkerReadiness> {
  if (!source.connection) return { status: 'temporal_unreachable' };
  const temporal = await checkTemporalReadiness(source.connection, source.namespace);
  if (temporal.status !== 'ok') return temporal;
  const state = source.worker?.getState() ?? 'STARTING';
  return state === 'RUNNING' ? temporal : { status: 'worker_not_running', worker_state: state };
}
