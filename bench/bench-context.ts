import type { Client } from '@temporalio/client';
import type { BenchTarget } from './targets/bench-target.js';

/** What every workload of one target of a run shares. */
export interface BenchContext {
  client: Client;
  target: BenchTarget;
  /** Short and unique per run: prefixes task ids, types and task queues. */
  runId: string;
  logDir: string;
  inFlight: number;
  /** Submissions per second of the HTTP load; 0 = unlimited. */
  rate: number;
  /**
   * Bearer token the run's API processes require and its clients send. Set explicitly so that an API_TOKEN in
   * the environment or in .env can neither lock the benchmark out nor differ between runs.
   */
  apiToken: string;
}
