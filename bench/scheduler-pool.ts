import type { Client } from '@temporalio/client';
import { type SchedulerProcesses, startSchedulerProcesses } from './scheduler-processes.js';

/**
 * Worker + API pairs keyed by MAX_CONCURRENT_TASKS. Workloads with the same cap share one pair (and its task
 * queue): nothing restarts between them, which keeps start-up out of the run time. A workload with another cap
 * gets a pair of its own. Every pair is started before the first measurement, see `startAll`.
 */
export class SchedulerPool {
  private readonly pairs = new Map<number, Promise<SchedulerProcesses>>();

  constructor(
    private readonly options: {
      client: Client;
      address: string;
      runId: string;
      logDir: string;
      apiToken: string;
    },
  ) {}

  get(cap: number): Promise<SchedulerProcesses> {
    let pair = this.pairs.get(cap);
    if (!pair) {
      const label = `cap${cap}`;
      pair = startSchedulerProcesses({
        ...this.options,
        taskQueue: `bench-${this.options.runId}-${label}`,
        maxConcurrentTasks: cap,
        label,
      });
      this.pairs.set(cap, pair);
    }
    return pair;
  }

  /** Starts the pairs for all these caps at once (start-up is not measured, so it may as well overlap). */
  async startAll(caps: Iterable<number>): Promise<void> {
    await Promise.all([...new Set(caps)].map((cap) => this.get(cap)));
  }

  async stop(): Promise<void> {
    const pairs = await Promise.allSettled(this.pairs.values());
    await Promise.all(pairs.map((p) => (p.status === 'fulfilled' ? p.value.stop() : Promise.resolve())));
  }
}
