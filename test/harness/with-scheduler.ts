// A whole scheduler for the length of one callback: the Temporal server, a client, and groups of workers and
// APIs, each group on its own task queue. Whatever happens in the callback or half-way through starting,
// everything that was started is stopped before withScheduler returns.
import { Client, Connection } from '@temporalio/client';
import {
  type SchedulerGroupOptions,
  type SchedulerProcesses,
  startSchedulerProcesses,
} from './scheduler-processes.js';
import { type TemporalServer, type TemporalServerOptions, provideTemporalServer } from './temporal-server.js';

export interface WithSchedulerOptions {
  temporal: TemporalServerOptions;
  /** Namespace of the client. @defaultValue 'default' */
  namespace?: string;
  /** One group of processes per entry, all started at once; each resolves once its workers poll. */
  schedulers: Omit<SchedulerGroupOptions, 'temporalAddress' | 'pollersClient'>[];
}

export interface RunningScheduler {
  server: TemporalServer;
  client: Client;
  /** In the order of `options.schedulers`. */
  schedulers: SchedulerProcesses[];
}

export async function withScheduler<T>(
  options: WithSchedulerOptions,
  fn: (running: RunningScheduler) => Promise<T>,
): Promise<T> {
  // What to undo, in the order it was started; undone in reverse.
  const started: (() => Promise<void>)[] = [];
  let result: T;
  try {
    const server = await provideTemporalServer(options.temporal);
    started.push(() => server.stop());
    const connection = await Connection.connect({ address: server.address });
    started.push(() => connection.close());
    const client = new Client({ connection, namespace: options.namespace ?? 'default' });
    const starting = await Promise.allSettled(
      options.schedulers.map((group) =>
        startSchedulerProcesses({ ...group, temporalAddress: server.address, pollersClient: client }),
      ),
    );
    const schedulers = starting.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    started.push(async () => {
      await Promise.all(schedulers.map((s) => s.stop()));
    });
    const notStarted = starting.find((s) => s.status === 'rejected');
    if (notStarted) throw notStarted.reason;
    result = await fn({ server, client, schedulers });
  } catch (err) {
    // The first error says more than a failed stop after it.
    await undo(started);
    throw err;
  }
  const problems = await undo(started);
  if (problems.length > 0)
    throw new AggregateError(problems, 'withScheduler: stopping what it started failed');
  return result;
}

async function undo(started: (() => Promise<void>)[]): Promise<unknown[]> {
  const problems: unknown[] = [];
  for (const stop of started.reverse()) {
    try {
      await stop();
    } catch (err) {
      problems.push(err);
    }
  }
  return problems;
}
