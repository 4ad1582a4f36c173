// A smoke check that `npm run bench` works end to end (every workload, both baselines and the overload burst,
// tiny sizes) against the suite's Temporal server, and that `--target=both` with scale-out flags compares two
// engines. It asserts that the harness runs and reports, never how fast anything is.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, inject, it } from 'vitest';
import { projectRoot } from '../../src/project-root.js';

interface Workload {
  label: string;
  tasks: number;
  failed: number;
  history_events_per_task: { mean: number };
  hop_latency_ms: { count: number } | null;
}

interface Run {
  target: { label: string; kind: string; workers: number; apis: number; history_shards: number | null };
  workloads: Workload[];
  baseline: { tasks: number } | null;
  hop_baseline: (Workload & { tasks: number }) | null;
  workload3_vs_hop_baseline: { hop_p50: number | null; hop_p99: number | null } | null;
  burst: {
    paced: Workload;
    runs: { admission_max_queued: number; tasks: number; accepted: number; completed: number }[];
  } | null;
}

interface Report {
  runs: Run[];
  comparison: { base: string; other: string; workloads: { label: string }[] } | null;
}

/**
 * Runs the bench with `args` against the suite's server (TEMPORAL_ADDRESS), or against an embedded server of its
 * own, and returns its stdout and report.
 */
async function bench(
  args: string[],
  server: 'suite' | 'own' = 'suite',
): Promise<{ stdout: string; report: Report }> {
  const resultsDir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
  const env = { ...process.env };
  if (server === 'suite') env.TEMPORAL_ADDRESS = inject('temporalAddress');
  else delete env.TEMPORAL_ADDRESS;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['dist/bench/run.js', '--quick', '--idle-seconds=0', `--results-dir=${resultsDir}`, ...args],
    { cwd: projectRoot(), env },
  );
  const report = JSON.parse(readFileSync(join(resultsDir, 'latest.json'), 'utf8')) as Report;
  return { stdout, report };
}

it(
  'runs every workload, both baselines and the burst, and writes a report',
  { timeout: 240_000 },
  async () => {
    // A server of its own: admission control counts the QUEUED tasks of the whole namespace, and on the suite's
    // server other files leave tasks queued behind day-long ones, so a limit of 3 would never admit the burst.
    const { stdout, report } = await bench(
      [
        '--only=1,2,3,4,5,6',
        '--size-independent=30',
        '--size-timed=10',
        '--size-chain=5',
        '--size-fanout=5',
        '--size-dag=30',
        '--size-burst=12',
        '--size-burst-paced=6',
        '--burst-max-queued=3,0',
      ],
      'own',
    );
    expect(stdout).toContain('workload 1 vs baseline');
    expect(stdout).toContain('workload 3 vs hop baseline');
    expect(stdout).toContain('6 burst');

    expect(report.runs).toHaveLength(1);
    const [run] = report.runs as [Run];
    expect(run.target).toMatchObject({ label: 'dev', workers: 1, apis: 1 });
    expect(run.workloads.map((w) => w.label)).toHaveLength(5);
    for (const workload of run.workloads) {
      expect(workload.failed).toBe(0);
      expect(workload.history_events_per_task.mean).toBeGreaterThan(0);
    }
    expect(run.baseline?.tasks).toBe(30);
    // The hop baseline is a chain as long as workload 3's: 5 links, 4 hops, every link done.
    expect(run.hop_baseline).toMatchObject({ tasks: 5, failed: 0, hop_latency_ms: { count: 4 } });
    expect(run.hop_baseline?.history_events_per_task.mean).toBeGreaterThan(0);
    expect(run.workload3_vs_hop_baseline).toHaveProperty('hop_p50');
    // Every burst task is accepted (after 429s, with a limit of 3 queued) and completes, admission on and off.
    expect(run.burst?.paced).toMatchObject({ tasks: 6, failed: 0 });
    expect(run.burst?.runs).toEqual([
      expect.objectContaining({ admission_max_queued: 3, tasks: 12, accepted: 12, completed: 12 }),
      expect.objectContaining({ admission_max_queued: 0, tasks: 12, accepted: 12, completed: 12 }),
    ]);
  },
);

it(
  'runs the same workload on two targets with two workers and two APIs, and compares them',
  { timeout: 180_000 },
  async () => {
    // dev: an embedded dev server of its own; the "cluster" side is the suite's server, through TEMPORAL_ADDRESS.
    const { stdout, report } = await bench([
      '--target=both',
      '--label=suite',
      '--only=3',
      '--skip-baseline',
      '--size-chain=4',
      '--workers=2',
      '--apis=2',
    ]);
    expect(stdout).toContain('suite vs dev');
    expect(report.runs.map((r) => r.target)).toEqual([
      expect.objectContaining({ label: 'dev', kind: 'dev', history_shards: 1, workers: 2, apis: 2 }),
      expect.objectContaining({ label: 'suite', kind: 'existing', workers: 2, apis: 2 }),
    ]);
    for (const run of report.runs) expect(run.workloads).toMatchObject([{ tasks: 4, failed: 0 }]);
    expect(report.comparison).toMatchObject({
      base: 'dev',
      other: 'suite',
      workloads: [{ label: '3 chain' }],
    });
  },
);

it('runs npm run bench:dag with tiny sizes and writes its report', { timeout: 180_000 }, async () => {
  const resultsDir = mkdtempSync(join(tmpdir(), 'bench-dag-smoke-'));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['dist/bench/dag-features.js', '--size=40', '--backlog=6', '--urgent=2', `--results-dir=${resultsDir}`],
    { cwd: projectRoot() },
  );
  expect(stdout).toMatch(/makespan/);
  const [file] = readdirSync(resultsDir).filter((name) => name.startsWith('dag-features-'));
  const report = JSON.parse(readFileSync(join(resultsDir, file!), 'utf8')) as {
    task_by_task: { makespan_s: number; failed: string[] };
    whole_dag: { makespan_s: number; failed: string[]; status: number };
    priority: { overtaken_per_urgent_task: number[] };
  };
  expect(report.task_by_task.failed).toEqual([]);
  expect(report.whole_dag.failed).toEqual([]);
  expect(report.whole_dag.makespan_s).toBeGreaterThan(0);
  expect(report.priority.overtaken_per_urgent_task).toHaveLength(2);
});
