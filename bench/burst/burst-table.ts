import { num, textTable } from '../text-table.js';
import { BURST_GOAL, type BurstReport, type BurstRun } from './burst-report.js';

/** The overload workload: the paced reference, then one row per burst (admission limit). */
export function formatBurst(burst: BurstReport): string {
  const calibration = burst.calibration
    ? `calibration ${burst.calibration.tasks} tasks unpaced: ${num(burst.calibration.completions_per_s, 1)} done/s; `
    : '';
  const paced = burst.paced;
  return [
    `6 burst: ${calibration}paced ${paced.tasks} tasks at ${num(burst.paced_rate, 1)}/s: ` +
      `${num(paced.completions_per_s, 1)} done/s; paced max ${num(burst.paced_max_per_s, 1)}/s`,
    textTable(
      [
        'admission',
        'tasks',
        'accepted/completed',
        'offered/s (x paced)',
        'done/s (x paced)',
        `goal x${BURST_GOAL}`,
        '10-s done/s min/median',
        'accepted req p50/p99 ms',
        'until accepted p50/p99 ms',
        '429s',
        '503s',
        'peak QUEUED seen/real',
        'engine ms/task',
      ],
      burst.runs.map((r) => {
        const w = r.report;
        const windows = r.completion_windows;
        return [
          admission(r),
          String(r.tasks),
          `${r.accepted}/${r.completed}`,
          `${num(w.submit.offered_per_s, 1)} (x${num(r.offered_vs_paced, 2)})`,
          `${num(w.completions_per_s, 1)} (x${num(r.completions_vs_paced, 2)})`,
          r.goal_met ? 'met' : 'missed',
          `${num(windows.min_per_s, 1)}/${num(windows.median_per_s, 1)}`,
          `${num(w.submit.accepted_request_ms.p50)}/${num(w.submit.accepted_request_ms.p99)}`,
          `${num(w.submit.latency_ms.p50)}/${num(w.submit.latency_ms.p99)}`,
          String(r.rejected_429),
          String(w.submit.retried_answers['503'] ?? 0),
          `${num(r.peak_queued)}/${num(r.peak_outstanding)}`,
          num(w.engine_cpu_ms_per_task, 1),
        ];
      }),
    ),
  ].join('\n');
}

function admission(run: BurstRun): string {
  const { admission_max_queued: maxQueued, admission_max_in_flight: maxInFlight } = run;
  const { admission_max_rate: maxRate, admission_slow_submit_ms: slowMs } = run;
  const queued = maxQueued === 0 ? 'queued off' : `max ${maxQueued} queued`;
  const inFlight = maxInFlight === 0 ? 'in flight off' : `${maxInFlight} in flight`;
  const rate = maxRate === 0 ? 'rate off' : `${maxRate}/s per API`;
  const adaptive = slowMs === 0 ? 'adaptive off' : `adaptive +${slowMs} ms`;
  return `${queued}, ${inFlight}, ${rate}, ${adaptive}`;
}
