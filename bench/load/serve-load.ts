import { once } from 'node:events';
import { type SubmitItem, type SubmitOutcome, submitInDependencyOrder } from './dependency-ordered-submit.js';
import type { FromLoadProcess, ToLoadProcess } from './protocol.js';

/** Accepted ids are batched into one IPC message per this interval instead of one message per task. */
const ACCEPTED_FLUSH_MS = 100;

/** What a load process prepares from its plan before the measured part starts. */
export interface PreparedLoad<T extends SubmitItem> {
  items: T[];
  inFlight: number;
  /** Submissions per second; 0 or absent = unlimited. */
  rate?: number;
  submit: (item: T) => Promise<SubmitOutcome>;
  workflowIdOf: (item: T) => string;
}

/**
 * The child side of the protocol: receive the plan, prepare (connect, warm up), say `ready`, wait for `go`, submit
 * while streaming accepted workflow ids, report `done`, then stay alive until the parent (having read this
 * process's CPU and peak memory) stops it.
 */
export async function serveLoad<P, T extends SubmitItem>(
  prepare: (plan: P) => Promise<PreparedLoad<T>>,
): Promise<void> {
  const send = (message: FromLoadProcess) => {
    if (!process.send) throw new Error('a load process must be forked with an IPC channel');
    process.send(message);
  };
  const [planMessage] = (await once(process, 'message')) as [ToLoadProcess<P>];
  if (planMessage.type !== 'plan') throw new Error(`expected a plan, got ${planMessage.type}`);
  const load = await prepare(planMessage.plan);
  const go = once(process, 'message');
  send({ type: 'ready' });
  await go;

  let batch: string[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    send({ type: 'accepted', workflow_ids: batch });
    batch = [];
  };
  const timer = setInterval(flush, ACCEPTED_FLUSH_MS);
  const result = await submitInDependencyOrder(
    load.items,
    load.inFlight,
    load.submit,
    load.rate ?? 0,
    (item) => batch.push(load.workflowIdOf(item)),
  );
  clearInterval(timer);
  flush();
  send({ type: 'done', result });
  process.once('SIGTERM', () => process.exit(0));
}
