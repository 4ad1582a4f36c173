import { setTimeout as sleep } from 'node:timers/promises';

const INTERVAL_MS = 1_000;

/**
 * Reads `GET /api/stats` every second while a burst runs and keeps the largest QUEUED count seen: what the
 * admission limit held the backlog to (or, with admission off, how far it grew). Stats come from visibility and
 * the API caches them for 500 ms, so this is a sampled, slightly late view.
 */
export function watchQueued(apiUrl: string, apiToken: string): { stop(): Promise<number | null> } {
  let peak: number | null = null;
  let running = true;
  // stop() may be called more than once (after an error and on the normal path): each waits for the loop.
  const loop = (async () => {
    while (running) {
      try {
        const response = await fetch(`${apiUrl}/api/stats`, {
          headers: { authorization: `Bearer ${apiToken}` },
        });
        if (response.ok) {
          const stats = (await response.json()) as { by_status: { QUEUED: number } };
          peak = Math.max(peak ?? 0, stats.by_status.QUEUED);
        }
      } catch {
        // a busy API may drop a stats request: the next sample counts
      }
      await sleep(INTERVAL_MS);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}
