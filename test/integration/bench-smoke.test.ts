// A smoke check that `npm run bench` works end to end (every workload and the baseline, tiny sizes) against the
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
}

it('runs every workload and the baseline, and writes a report', { timeout: 180_000 }, async () => {
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

  const report = JSON.parse(readFileSync(join(resultsDir, 'latest.json'), 'utf8')) as Report;
  expect(report.workloads.map((w) => w.label)).toHaveLength(5);
  for (const workload of report.workloads) {
    expect(workload.failed).toBe(0);
    expect(workload.history_events_per_task.mean).toBeGreaterThan(0);
  }
  expect(report.baseline?.tasks).toBe(30);
});
