import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';

export interface WaitOptions {
  address: string;
  /** Give up after this long, in milliseconds. @defaultValue 120000 */
  timeoutMs?: number;
  /** Checked between attempts: stop waiting at once when the server process has died. */
  abortIf?: () => Error | undefined;
}

/**
 * Waits until the frontend answers `GetSystemInfo`, then returns a connection to it. The frontend's port opens
 * before history and matching have joined the membership ring, so callers retry their first real calls too.
 */
export async function waitForFrontend({
  address,
  timeoutMs = 120_000,
  abortIf,
}: WaitOptions): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const aborted = abortIf?.();
    if (aborted) throw aborted;
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address, connectTimeout: 1_000 });
      await connection.withDeadline(Date.now() + 2_000, () => connection!.workflowService.getSystemInfo({}));
      return connection;
    } catch (err) {
      lastError = err;
      await connection?.close();
      await sleep(250);
    }
  }
  throw new Error(`Temporal frontend ${address} did not answer within ${timeoutMs} ms: ${String(lastError)}`);
}

/** Retries `call` (e.g. the first calls on a namespace, which fail until history and matching are up). */
export async function retryUntil<T>(call: () => Promise<T>, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await call();
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`${what} kept failing for ${timeoutMs} ms: ${String(err)}`);
      await sleep(500);
    }
  }
}
