// A smoke check that `npm run bench` works end to end (every workload and both baselines, tiny sizes) against the
// suite's Temporal server. It asserts that the harness runs and reports, never how fast anything is.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, inject, it } from 'vitest';
import { projectRoot } from '../../src/project-root.js';

interface Report {
  workloads: { label: string; tasks: number; failed: number; history_events_per_task: { mean: number } }[];
  baseline: { tasks: number } | null;
  hop_baseline: {
    tasks: number;
    failed: number;
    hop_latency_ms: { count: number } | null;
    history_events_per_task: { mean: number };
  } | null;
  workload3_vs_hop_baseline: { hop_p50: number | null; hop_p99: number | null } | null;
}

it('runs every workload and both baselines, and writes a report', { timeout: 180_000 }, async () => {
  const resultsDir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
  const args = [
    'dist/bench/run.js',
    '--quick',
    '--size-independent=30',
    '--size-timed=10',
    '--size-chain=5',
    '--size-fanout=5',
    '--size-dag=30',
    `--results-dir=${resultsDir}`,
  ];
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    cwd: projectRoot(),
    env: { ...process.env, TEMPORAL_ADDRESS: inject('temporalAddress') },
  });
  expect(stdout).toContain('workload 1 vs baseline');
  expect(stdout).toContain('workload 3 vs hop baseline');

  const report = JSON.parse(readFileSync(join(resultsDir, 'latest.json'), 'utf8')) as Report;
  expect(report.workloads.map((w) => w.label)).toHaveLength(5);
  for (const workload of report.workloads) {
    expect(workload.failed).toBe(0);
    expect(workload.history_events_per_task.mean).toBeGreaterThan(0);
  }
  expect(report.baseline?.tasks).toBe(30);
  // The hop baseline is a chain as long as workload 3's: 5 links, 4 hops, every link done.
  expect(report.hop_baseline).toMatchObject({ tasks: 5, failed: 0, hop_latency_ms: { count: 4 } });
  expect(report.hop_baseline?.history_events_per_task.mean).toBeGreaterThan(0);
  expect(report.workload3_vs_hop_baseline).toHaveProperty('hop_p50');
});
