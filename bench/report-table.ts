import type { RunReport } from './run-report.js';
import { num, textTable } from './text-table.js';

/** The human-readable report: throughput and latency, then resources, then the comparisons with baselines. */
export function formatReport(report: RunReport): string {
  const baselines = [report.baseline, report.hop_baseline].filter((b) => b !== null);
  const rows = [...report.workloads, ...baselines];
  const timing = textTable(
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
  const resources = textTable(
    ['workload', 'server', 'worker', 'api', 'load', 'total ms/task'],
    rows.map((w) => {
      const procs = [w.processes.server, w.processes.worker, w.processes.api, w.processes.load];
      const total = procs.reduce((sum, p) => sum + (p?.cpu_ms_per_task ?? 0), 0);
      return [
        w.label,
        ...procs.map((p) => (p ? `${num(p.cpu_ms_per_task, 2)} (${num(p.peak_mb)} MB)` : '-')),
        num(total, 2),
      ];
    }),
  );
  const seconds = (Date.parse(report.finished_at) - Date.parse(report.started_at)) / 1000;
  const load = report.machine.load_average_at_start.map((l) => l.toFixed(2)).join(' ');
  return [
    `Benchmark ${report.started_at}: ${num(seconds)} s, commit ${report.commit}, ` +
      `${report.machine.cpus} CPUs, load average at start ${load}`,
    '',
    timing,
    '',
    'CPU ms per task by process (peak memory since the process started; workloads of one cap share a worker and API)',
    resources,
    '',
    throughputComparison(report),
    hopComparison(report),
    '',
    'subm: submit latency and rate seen by the load process; done/s: tasks / makespan; start: runnable -> started;',
    "hop: a dependent's started_at - max(its dependencies' completed_at, its created_at), (signalled) = dependents",
    "that were waiting when their last dependency completed (hop baseline: link k+1's activity start - link k's",
    'activity finish; its makespan spans the activities only); bound: max(critical path, work / cap);',
    'retried: tasks that needed more than one attempt (none fails on purpose, so these are spurious).',
  ].join('\n');
}

function pair(a: number | null, b: number | null): string {
  return `${num(a)}/${num(b)}`;
}

function throughputComparison(report: RunReport): string {
  const c = report.workload1_vs_baseline;
  if (!c) return 'workload 1 vs baseline: not measured (needs workload 1 and the baseline)';
  return (
    `workload 1 vs baseline (raw Temporal, one no-op activity per workflow): ` +
    `completions/s x${num(c.completions_per_s, 2)}, submissions/s x${num(c.submissions_per_s, 2)}, ` +
    `server CPU per task x${num(c.server_cpu_per_task, 2)}, events per task x${num(c.events_per_task, 2)}`
  );
}

function hopComparison(report: RunReport): string {
  const c = report.workload3_vs_hop_baseline;
  if (!c) return 'workload 3 vs hop baseline: not measured (needs workload 3 and the baseline)';
  return (
    `workload 3 vs hop baseline (raw Temporal, a chain of workflows each signalling the next): ` +
    `hop p50 x${num(c.hop_p50, 2)}, hop p99 x${num(c.hop_p99, 2)}, ` +
    `server CPU per task x${num(c.server_cpu_per_task, 2)}, events per task x${num(c.events_per_task, 2)}`
  );
}
