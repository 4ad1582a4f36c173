import { setTimeout as sleep } from 'node:timers/promises';
import { meterEngine } from './process-usage.js';
import type { BenchTarget } from './targets/bench-target.js';
import { type DatabaseActivity, databaseActivity } from './targets/postgres-counters.js';

/** What the engine costs while no task runs (workers and APIs started, polling): per second instead of per task. */
export interface IdleUsage {
  seconds: number;
  server_cpu_ms_per_s: number | null;
  database_cpu_ms_per_s: number | null;
  /** Per second (the "per task" of DatabaseActivity is per second here). */
  database_per_s: DatabaseActivity | null;
}

/**
 * The engine at rest for `seconds` (10 by default: long enough to average the server's periodic work, short next
 * to a workload), just before the first workload. Part of every workload's per-task figures is this fixed
 * cost, and it grows with the shard count (each shard scans its queues and renews its lease).
 */
export async function measureIdle(target: BenchTarget, seconds: number): Promise<IdleUsage> {
  const before = await target.readDatabase?.();
  const meter = meterEngine(target.enginePids);
  await sleep(seconds * 1000);
  // Divided by the window's seconds instead of by tasks.
  const engine = meter(seconds);
  const after = await target.readDatabase?.();
  return {
    seconds,
    server_cpu_ms_per_s: engine.server.cpu_ms_per_task,
    database_cpu_ms_per_s: target.readDatabase === null ? null : engine.database.cpu_ms_per_task,
    database_per_s: before && after ? databaseActivity(before, after, seconds) : null,
  };
}
