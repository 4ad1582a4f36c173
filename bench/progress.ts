/** How often the progress line is written. */
const PROGRESS_INTERVAL_MS = 2_000;
/** A workload that makes no progress at all for this long is stuck: the run fails instead of hanging. */
const STALL_TIMEOUT_MS = 120_000;

export interface ProgressSource {
  label: string;
  total: number;
  submitted(): number;
  completed(): number;
}

/**
 * Writes `[bench] <workload> submitted a/N completed b/N <elapsed>` to stderr every two seconds (stdout carries
 * only the report), and rejects `stalled` when neither count moved for two minutes.
 */
export function trackProgress(source: ProgressSource): { stalled: Promise<never>; stop(): void } {
  const started = Date.now();
  let lastChange = started;
  let last = '';
  let reject!: (err: Error) => void;
  const stalled = new Promise<never>((_, r) => (reject = r));
  stalled.catch(() => undefined); // handled by whoever races it
  const timer = setInterval(() => {
    const counts = `submitted ${source.submitted()}/${source.total} completed ${source.completed()}/${source.total}`;
    const now = Date.now();
    if (counts !== last) lastChange = now;
    last = counts;
    process.stderr.write(`[bench] ${source.label}: ${counts} (${((now - started) / 1000).toFixed(0)} s)\n`);
    if (now - lastChange > STALL_TIMEOUT_MS) {
      reject(new Error(`${source.label}: no progress for ${STALL_TIMEOUT_MS / 1000} s (${counts})`));
    }
  }, PROGRESS_INTERVAL_MS);
  return { stalled, stop: () => clearInterval(timer) };
}
