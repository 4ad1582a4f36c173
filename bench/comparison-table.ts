import type { MetricPair, TargetComparison } from './target-comparison.js';
import { num, textTable } from './text-table.js';

/** Side by side: `base / other (×ratio)` for each figure of each workload run on both targets. */
export function formatComparison(c: TargetComparison): string {
  const cell = (m: MetricPair, decimals: number) =>
    m.base === null && m.other === null
      ? '-'
      : `${num(m.base, decimals)} / ${num(m.other, decimals)} (x${num(m.ratio, 2)})`;
  return [
    `${c.other} vs ${c.base}: ${c.base} / ${c.other} (x ${c.other} ÷ ${c.base})`,
    textTable(
      [
        'workload',
        'done/s',
        'subm/s',
        'hop p50 ms',
        'hop p99 ms',
        'engine CPU ms/task',
        'events/task',
        'worker ms/task',
        'api ms/task',
      ],
      c.workloads.map((w) => [
        w.label,
        cell(w.completions_per_s, 1),
        cell(w.submissions_per_s, 1),
        cell(w.hop_p50_ms, 0),
        cell(w.hop_p99_ms, 0),
        cell(w.engine_cpu_ms_per_task, 1),
        cell(w.events_per_task, 1),
        cell(w.worker_cpu_ms_per_task, 1),
        cell(w.api_cpu_ms_per_task, 1),
      ]),
    ),
  ].join('\n');
}
