import { setTimeout as sleep } from 'node:timers/promises';
import type { LiveCounts } from '../measured-load.js';

const INTERVAL_MS = 1_000;

/** One reading, seconds after the watch began. */
export interface QueueSample {
  t_s: number;
  /**
   * QUEUED as the API's admission check last counted it (`dag_admission_queued`: visibility, cached 500 ms): what
   * admission control sees; null while it does not count (ADMISSION_MAX_QUEUED=0).
   */
  queued: number | null;
  /** Accepted minus closed, as the load itself counted them: the real backlog (QUEUED + RUNNING), without lag. */
  outstanding: number | null;
  /** New tasks per second the API admitted at that moment (`dag_admission_rate`); null without a rate limit. */
  admitted_rate: number | null;
}

export interface QueueWatch {
  /** Gives the watch the load's own counts once the measured window opens. */
  attach: (counts: LiveCounts) => void;
  /** Ends the watch: its samples, and the largest QUEUED seen. */
  stop(): Promise<{ samples: QueueSample[]; peak: number | null }>;
}

/** Only these two are read: a whole scrape would have the API count visibility for `dag_tasks` every second. */
const WATCHED_METRICS = '/metrics?name=dag_admission_rate&name=dag_admission_queued';

/**
 * Reads the API's admission gauges every second while a burst runs, next to the load's own count of tasks accepted
 * and not yet closed: how far the admission signal (a visibility count) trails the backlog it stands for, what the
 * limits held the backlog to (or, with admission off, how far it grew), and where the admitted rate stood. It
 * makes no Temporal call of its own, so the burst pays for no measurement the paced phase does not.
 */
export function watchQueued(apiUrl: string, apiToken: string): QueueWatch {
  const started = performance.now();
  const samples: QueueSample[] = [];
  let counts: LiveCounts | undefined;
  let running = true;
  const loop = (async () => {
    while (running) {
      const outstanding = counts ? counts.accepted() - counts.completed() : null;
      const gauges = await readGauges(apiUrl, apiToken);
      samples.push({
        t_s: (performance.now() - started) / 1000,
        queued: gauges.dag_admission_queued ?? null,
        outstanding,
        admitted_rate: gauges.dag_admission_rate ?? null,
      });
      await sleep(INTERVAL_MS);
    }
  })();
  return {
    attach: (live) => (counts = live),
    // stop() may be called more than once (after an error and on the normal path): each waits for the loop.
    async stop() {
      running = false;
      await loop;
      const seen = samples.flatMap((s) => (s.queued === null ? [] : [s.queued]));
      return { samples, peak: seen.length === 0 ? null : Math.max(...seen) };
    },
  };
}

/** The unlabelled gauges of one scrape by name; none when the API did not answer (a busy API may drop one). */
async function readGauges(apiUrl: string, apiToken: string): Promise<Record<string, number>> {
  try {
    const response = await fetch(`${apiUrl}${WATCHED_METRICS}`, {
      headers: { authorization: `Bearer ${apiToken}` },
    });
    if (!response.ok) return {};
    const gauges: Record<string, number> = {};
    for (const [, name, value] of (await response.text()).matchAll(/^(\w+) (\S+)$/gm)) {
      gauges[name!] = Number(value);
    }
    return gauges;
  } catch {
    return {};
  }
}
