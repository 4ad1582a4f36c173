import { formatBurst } from './burst/burst-table.js';
import { formatComparison } from './comparison-table.js';
import type { RunReport } from './run-report.js';
import { type TargetRun, allWorkloadReports } from './target-run.js';
import { num, textTable } from './text-table.js';

/** The human-readable report: per target throughput, latency, resources and baselines; then target against target. */
export function formatReport(report: RunReport): string {
  const seconds = (Date.parse(report.finished_at) - Date.parse(report.started_at)) / 1000;
  const load = report.machine.load_average_at_start.map((l) => l.toFixed(2)).join(' ');
  return [
    `Benchmark ${report.started_at}: ${num(seconds)} s, commit ${report.commit}, ` +
      `${report.machine.cpus} CPUs, load average at start ${load}`,
    ...report.runs.map(formatRun),
    ...(report.comparison ? ['', formatComparison(report.comparison)] : []),
    '',
    'subm: submit latency and rate seen by the load process; done/s: tasks / makespan; start: runnable -> started;',
    "hop: a dependent's started_at - max(its dependencies' completed_at, its created_at), (signalled) = dependents",
    "that were waiting when their last dependency completed (hop baseline: link k+1's activity start - link k's",
    'activity finish; its makespan spans the activities only); bound: max(critical path, work / cap);',
    'retried: tasks that needed more than one attempt (none fails on purpose, so these are spurious).',
    'server: the Temporal server (dev: the whole dev server); db: all PostgreSQL processes; engine = server + db.',
  ].join('\n');
}

function formatRun(run: TargetRun): string {
  const t = run.target;
  const rows = allWorkloadReports(run).filter((w) => !w.label.startsWith('6 '));
  const heading =
    `== ${t.label} (${t.kind}, ${t.address}, ${t.history_shards ?? '?'} history shards, ` +
    `${t.workers} worker(s), ${t.apis} API(s) per scheduler; ${num(run.wall_s)} s)`;
  const parts = [
    '',
    heading,
    ...(run.idle ? [idleLine(run)] : []),
    ...(rows.length > 0 ? ['', timingTable(rows), '', resourcesHeading(), resourcesTable(rows)] : []),
  ];
  if (rows.some((w) => w.database_activity)) parts.push('', 'PostgreSQL per task', databaseTable(rows));
  if (run.workloads.length > 0) parts.push('', throughputComparison(run), hopComparison(run));
  if (run.burst) parts.push('', formatBurst(run.burst));
  return parts.join('\n');
}

type Row = ReturnType<typeof allWorkloadReports>[number];

function timingTable(rows: Row[]): string {
  return textTable(
    [
      'workload',
      'tasks',
      'cap',
      'subm/s',
      'subm p50/p99 ms',
      'done/s',
      'start p50/p99 ms',
      'hop p50/p99 ms (signalled)',
      'makespan s',
      'bound s',
      'ratio',
      'events/task',
      'failed/retried',
    ],
    rows.map((w) => [
      w.label,
      String(w.tasks),
      String(w.cap),
      num(w.submit.per_s, 1),
      pair(w.submit.latency_ms.p50, w.submit.latency_ms.p99),
      num(w.completions_per_s, 1),
      w.start_latency_ms ? pair(w.start_latency_ms.p50, w.start_latency_ms.p99) : '-',
      w.hop_latency_ms
        ? `${pair(w.hop_latency_ms.p50, w.hop_latency_ms.p99)} (${w.hop_latency_ms.signalled})`
        : '-',
      num(w.makespan_ms / 1000, 2),
      w.lower_bound ? num(w.lower_bound.lower_bound_ms / 1000, 2) : '-',
      num(w.makespan_vs_lower_bound, 2),
      num(w.history_events_per_task.mean, 1),
      `${w.failed + w.submit.errors}/${w.retried ?? '-'}`,
    ]),
  );
}

function resourcesHeading(): string {
  return (
    'CPU ms per task by process (peak memory; workloads of one cap share their workers and APIs, whose ' +
    "figures are their sums); others' CPU: share of the machine that other processes used meanwhile"
  );
}

function resourcesTable(rows: Row[]): string {
  return textTable(
    ['workload', 'server', 'db', 'worker', 'api', 'load', 'engine', 'total ms/task', "others' CPU"],
    rows.map((w) => {
      const p = w.processes;
      const procs = [p.server, p.database, p.worker, p.api, p.load];
      const total = procs.reduce((sum, u) => sum + (u?.cpu_ms_per_task ?? 0), 0);
      return [
        w.label,
        ...procs.map((u) => (u ? `${num(u.cpu_ms_per_task, 2)} (${num(u.peak_mb)} MB)` : '-')),
        num(w.engine_cpu_ms_per_task, 2),
        num(total, 2),
        `${num(w.machine.other_share * 100)} %`,
      ];
    }),
  );
}

function databaseTable(rows: Row[]): string {
  const names = [...new Set(rows.flatMap((w) => Object.keys(w.database_activity?.per_task ?? {})))];
  return textTable(
    ['workload', ...names.map((n) => `${n} commits / ins / upd / del`), 'rows written', 'WAL KB'],
    rows.map((w) => {
      const a = w.database_activity;
      return [
        w.label,
        ...names.map((n) => {
          const d = a?.per_task[n];
          return d
            ? [d.commits, d.rows_inserted, d.rows_updated, d.rows_deleted].map((v) => num(v, 1)).join(' / ')
            : '-';
        }),
        num(a?.rows_written_per_task, 1),
        num(a?.wal_kb_per_task, 1),
      ];
    }),
  );
}

function idleLine(run: TargetRun): string {
  const idle = run.idle!;
  const db = idle.database_per_s;
  const commits = db ? Object.values(db.per_task).reduce((sum, d) => sum + d.commits, 0) : null;
  return (
    `at rest (${idle.seconds} s, schedulers polling): server ${num(idle.server_cpu_ms_per_s, 1)} CPU ms/s` +
    (idle.database_cpu_ms_per_s === null
      ? ''
      : `, db ${num(idle.database_cpu_ms_per_s, 1)} CPU ms/s, ${num(commits, 1)} commits/s, ` +
        `${num(db?.rows_written_per_task, 1)} rows written/s`)
  );
}

function pair(a: number | null, b: number | null): string {
  return `${num(a)}/${num(b)}`;
}

function throughputComparison(run: TargetRun): string {
  const c = run.workload1_vs_baseline;
  if (!c) return 'workload 1 vs baseline: not measured (needs workload 1 and the baseline)';
  return (
    `workload 1 vs baseline (raw Temporal, one no-op activity per workflow): ` +
    `completions/s x${num(c.completions_per_s, 2)}, submissions/s x${num(c.submissions_per_s, 2)}, ` +
    `engine CPU per task x${num(c.server_cpu_per_task, 2)}, events per task x${num(c.events_per_task, 2)}`
  );
}

function hopComparison(run: TargetRun): string {
  const c = run.workload3_vs_hop_baseline;
  if (!c) return 'workload 3 vs hop baseline: not measured (needs workload 3 and the baseline)';
  return (
    `workload 3 vs hop baseline (raw Temporal, a chain of workflows each signalling the next): ` +
    `hop p50 x${num(c.hop_p50, 2)}, hop p99 x${num(c.hop_p99, 2)}, ` +
    `engine CPU per task x${num(c.server_cpu_per_task, 2)}, events per task x${num(c.events_per_task, 2)}`
  );
}
