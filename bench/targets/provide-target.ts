import { join } from 'node:path';
import type { BenchTarget } from './bench-target.js';
import { startClusterTarget } from './cluster-target.js';
import { startDevTarget } from './dev-target.js';
import { existingTarget } from './existing-target.js';
import type { TargetSpec } from './target-plan.js';

export interface ProvideTargetOptions {
  /** This target's folder of the run: the dev server's database, and logs/ for every target. */
  dataDir: string;
  cliPath: string;
  namespace: string;
  serverArgs: string[];
  keepData: boolean;
  log: (message: string) => void;
}

/** Everything started and not yet stopped, so that Ctrl-C stops a cluster's PostgreSQL too (it runs detached). */
const active = new Set<BenchTarget>();

/** Starts (or connects to) the engine of `spec`; resolves once its frontend answers. */
export async function provideTarget(spec: TargetSpec, options: ProvideTargetOptions): Promise<BenchTarget> {
  const target = await start(spec, options);
  active.add(target);
  return {
    ...target,
    async stop() {
      active.delete(target);
      await target.stop();
    },
  };
}

function start(spec: TargetSpec, options: ProvideTargetOptions): Promise<BenchTarget> {
  switch (spec.kind) {
    case 'dev':
      return startDevTarget(options);
    case 'existing':
      return existingTarget(spec.address, spec.label);
    case 'cluster':
      return startClusterTarget({
        label: spec.label,
        namespace: options.namespace,
        historyShards: spec.historyShards,
        logDir: join(options.dataDir, 'logs'),
        keepData: options.keepData,
        log: options.log,
      });
  }
}

/** Stops every target still running (after an interrupt). */
export async function stopActiveTargets(): Promise<void> {
  await Promise.allSettled([...active].map((target) => target.stop()));
  active.clear();
}
