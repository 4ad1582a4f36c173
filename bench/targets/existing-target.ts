import { provideTemporalServer } from '../../test/harness/temporal-server.js';
import type { BenchTarget } from './bench-target.js';

/**
 * A server that runs already (TEMPORAL_ADDRESS): measured from the outside only, so its CPU and database are not
 * in the report; it is left running.
 */
export async function existingTarget(address: string, label: string): Promise<BenchTarget> {
  const server = await provideTemporalServer({ reuseAddress: address });
  return {
    label,
    kind: 'existing',
    address: server.address,
    serverArgs: null,
    enginePids: null,
    readDatabase: null,
    crashed: server.crashed,
    stop: () => server.stop(),
  };
}
