import type { BenchEnvironment, BenchOptions } from '../options/bench-options.js';

/** What one part of a run measures, before it is started. */
export type TargetSpec =
  | { kind: 'dev'; label: string }
  | { kind: 'cluster'; label: string; historyShards: number }
  | { kind: 'existing'; label: string; address: string };

/**
 * The targets of a run, in order. TEMPORAL_ADDRESS stands for the side that is not the embedded dev server: with
 * `--target=dev` the server to use instead of embedding one (as before targets existed), with `cluster` or `both`
 * the cluster to use instead of starting a fresh one.
 */
export function planTargets(options: BenchOptions, environment: BenchEnvironment): TargetSpec[] {
  const address = environment.TEMPORAL_ADDRESS;
  const cluster = (): TargetSpec => {
    const label = options.label ?? 'cluster';
    return address
      ? { kind: 'existing', label, address }
      : { kind: 'cluster', label, historyShards: options.shards };
  };
  switch (options.target) {
    case 'dev':
      return [
        address
          ? { kind: 'existing', label: options.label ?? 'dev', address }
          : { kind: 'dev', label: 'dev' },
      ];
    case 'cluster':
      return [cluster()];
    case 'both':
      return [{ kind: 'dev', label: 'dev' }, cluster()];
  }
}
