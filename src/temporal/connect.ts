import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import type { Logger } from '../logging/logger.js';

/** Where a process finds Temporal: 127.0.0.1:7233 unless TEMPORAL_ADDRESS says otherwise. */
export const DEFAULT_TEMPORAL_ADDRESS = '127.0.0.1:7233';

export interface ConnectOptions {
  address: string;
  namespace: string;
  logger: Logger;
  /** Give up after this long. @defaultValue 60000 */
  timeoutMs?: number;
}

/**
 * Connects a client, waiting for a server that is still starting (as in `npm start` or a compose stack) instead
 * of failing at once. Once connected, the SDK reconnects by itself after any outage.
 */
export async function connectClient({ address, namespace, logger, timeoutMs = 60_000 }: ConnectOptions) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      return { connection, client: new Client({ connection, namespace }) };
    } catch (err) {
      if (Date.now() > deadline) throw err;
      logger.warn({ address, err: (err as Error).message }, 'temporal not reachable yet; retrying');
      await sleep(1_000);
    }
  }
}
