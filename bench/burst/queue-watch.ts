import { setTimeout as sleep } from 'node:timers/promises';
import type { LiveCounts } from '../measured-load.js';

const INTERVAL_MS = 1_000;

/** One reading, seconds after the watch began. */
export interface QueueSample {
  t_s: number;
  /** QUEUED as `GET /api/stats` (visibility, cached 500 ms by the API) showed it: what admission control sees. */
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

/**
 * Reads `GET /api/stats` every second while a burst runs, next to the load's own count of tasks accepted and not
 * yet closed: how far the admission signal (a visibility count) trails the backlog it stands for, and what the
 * limit held the backlog to (or, with admission off, how far it grew).
 */
export function watchQueued(apiUrl: string, apiToken: string): QueueWatch {
  const started = performance.now();
  const samples: QueueSample[] = [];
  let counts: LiveCounts | undefined;
  let running = true;
  const loop = (async () => {
    while (running) {
      const outstanding = counts ? counts.accepted() - counts.completed() : null;
      const [queued, admittedRate] = await Promise.all([
        readQueued(apiUrl, apiToken),
        readAdmittedRate(apiUrl, apiToken),
      ]);
      samples.push({
        t_s: (performance.now() - started) / 1000,
        queued,
        outstanding,
        admitted_rate: admittedRate,
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

async function readQueued(apiUrl: string, apiToken: string): Promise<number | null> {
  try {
    const response = await fetch(`${apiUrl}/api/stats`, { headers: { authorization: `Bearer ${apiToken}` } });
    if (!response.ok) return null;
    return ((await response.json()) as { by_status: { QUEUED: number } }).by_status.QUEUED;
  } catch {
    return null; // a busy API may drop a stats request: the next sample counts
  }
}

async function readAdmittedRate(apiUrl: string, apiToken: string): Promise<number | null> {
  try {
    const response = await fetch(`${apiUrl}/metrics`, { headers: { authorization: `Bearer ${apiToken}` } });
    if (!response.ok) return null;
    const sample = /^dag_admission_rate (\S+)$/m.exec(await response.text());
    return sample ? Number(sample[1]) : null;
  } catch {
    return null;
  }
}
