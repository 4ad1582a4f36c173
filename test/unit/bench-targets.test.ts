// Which engines a run measures (bench/targets/target-plan.ts), what their database did (postgres-counters.ts),
// and how two targets' reports are compared (bench/target-comparison.ts).
import { describe, expect, it } from 'vitest';
import { parseBenchOptions } from '../../bench/options/bench-options.js';
import { compareWorkloads, pair } from '../../bench/target-comparison.js';
import { databaseActivity } from '../../bench/targets/postgres-counters.js';
import { planTargets } from '../../bench/targets/target-plan.js';
import type { WorkloadReport } from '../../bench/workload-report.js';

const plan = (argv: string[], env: Record<string, string> = {}) => {
  const parsed = parseBenchOptions(argv, env);
  if (parsed === 'help') throw new Error('unexpected help');
  return planTargets(parsed.options, parsed.environment);
};

describe('planTargets', () => {
  const address = { TEMPORAL_ADDRESS: '127.0.0.1:7300' };

  it('embeds a dev server by default, or uses TEMPORAL_ADDRESS instead', () => {
    expect(plan([])).toEqual([{ kind: 'dev', label: 'dev' }]);
    expect(plan([], address)).toEqual([{ kind: 'existing', label: 'dev', address: '127.0.0.1:7300' }]);
  });

  it('starts a fresh cluster with the shards asked for, or uses TEMPORAL_ADDRESS under --label', () => {
    expect(plan(['--target=cluster'])).toEqual([{ kind: 'cluster', label: 'cluster', historyShards: 16 }]);
    expect(plan(['--target=cluster', '--shards=1', '--label=c1'])).toEqual([
      { kind: 'cluster', label: 'c1', historyShards: 1 },
    ]);
    expect(plan(['--target=cluster', '--label=prod'], address)).toEqual([
      { kind: 'existing', label: 'prod', address: '127.0.0.1:7300' },
    ]);
  });

  it('runs dev first, then the cluster, with both', () => {
    expect(plan(['--target=both'])).toEqual([
      { kind: 'dev', label: 'dev' },
      { kind: 'cluster', label: 'cluster', historyShards: 16 },
    ]);
    expect(plan(['--target=both'], address)[1]).toEqual({
      kind: 'existing',
      label: 'cluster',
      address: '127.0.0.1:7300',
    });
  });
});

describe('databaseActivity', () => {
  it('divides the counters that moved by the task count', () => {
    const counter = (n: number) => ({
      xact_commit: 10 * n,
      xact_rollback: 0,
      tup_inserted: 4 * n,
      tup_updated: 2 * n,
      tup_deleted: n,
    });
    const before = { databases: { temporal: counter(1) }, wal_bytes: 1024 };
    const after = { databases: { temporal: counter(11) }, wal_bytes: 1024 + 10 * 2048 };
    expect(databaseActivity(before, after, 10)).toEqual({
      per_task: { temporal: { commits: 10, rows_inserted: 4, rows_updated: 2, rows_deleted: 1 } },
      rows_written_per_task: 7,
      wal_kb_per_task: 2,
    });
  });
});

describe('target comparison', () => {
  it('gives other ÷ base, or null when either is missing or the base is 0', () => {
    expect(pair(10, 25)).toEqual({ base: 10, other: 25, ratio: 2.5 });
    expect(pair(null, 25).ratio).toBeNull();
    expect(pair(0, 25).ratio).toBeNull();
    expect(pair(Number.NaN, 25).ratio).toBeNull();
  });

  it('compares throughput, hops, engine CPU and events of one workload', () => {
    const report = (done: number, cpu: number, db: number | null) =>
      ({
        label: '3 chain',
        completions_per_s: done,
        submit: { per_s: 1 },
        hop_latency_ms: { p50: done * 10, p99: done * 20 },
        engine_cpu_ms_per_task: cpu,
        processes: {
          worker: { cpu_ms_per_task: 5 },
          api: null,
          database: db === null ? null : { cpu_ms_per_task: db },
        },
        history_events_per_task: { mean: 19 },
      }) as unknown as WorkloadReport;
    const c = compareWorkloads(report(10, 40, null), report(20, 100, 30));
    expect(c).toMatchObject({
      label: '3 chain',
      completions_per_s: { ratio: 2 },
      hop_p50_ms: { base: 100, other: 200, ratio: 2 },
      engine_cpu_ms_per_task: { ratio: 2.5 },
      database_cpu_ms_per_task: { base: null, other: 30, ratio: null },
      events_per_task: { ratio: 1 },
    });
  });
});
