export interface Percentiles {
  count: number;
  p50: number | null;
  p99: number | null;
}

/** Nearest-rank p50 and p99 (null when there are no samples, e.g. hop latency of a workload without edges). */
export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99) };
}
