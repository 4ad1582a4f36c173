import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { withScheduler } from '../test/harness/with-scheduler.js';
import type { BenchContext } from './bench-context.js';
import { runBurst } from './burst/run-burst.js';
import { measureIdle } from './idle-usage.js';
import { BURST_WORKLOAD, type BenchOptions } from './options/bench-options.js';
import { runPlan } from './run-plan.js';
import { schedulerGroup } from './scheduler-group.js';
import type { BenchTarget } from './targets/bench-target.js';
import { provideTarget } from './targets/provide-target.js';
import type { TargetSpec } from './targets/target-plan.js';
import { type TargetRun, compareWithBaseline, compareWithHopBaseline } from './target-run.js';
import type { Workload } from './workloads/catalog.js';

export interface RunTargetOptions {
  options: BenchOptions;
  planned: Workload[];
  runId: string;
  apiToken: string;
  namespace: string;
  cliPath: string;
  /** This target's folder of the run: logs/ and the dev server's database. */
  dataDir: string;
}

/**
 * Every selected workload on one target: starts the engine (or connects to it), the schedulers (workloads with
 * the same cap share one, and its task queue: nothing restarts between them, which keeps start-up out of the run
 * time), measures the engine at rest, runs the plan and the burst, and stops what it started.
 */
export async function runTarget(spec: TargetSpec, run: RunTargetOptions): Promise<TargetRun> {
  const startedAt = Date.now();
  const { options } = run;
  const logDir = join(run.dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const log = (message: string) => process.stderr.write(`[bench ${spec.label}] ${message}\n`);
  const target = await provideTarget(spec, {
    dataDir: run.dataDir,
    cliPath: run.cliPath,
    namespace: run.namespace,
    serverArgs: options.serverArgs,
    keepData: options.keepData,
    log,
  });
  try {
    const caps = [...new Set(run.planned.map((w) => w.cap))];
    const group = {
      runId: run.runId,
      logDir,
      apiToken: run.apiToken,
      workers: options.workers,
      apis: options.apis,
    };
    return await withScheduler(
      {
        temporal: { reuseAddress: target.address },
        namespace: run.namespace,
        schedulers: caps.map((cap) => schedulerGroup({ ...group, cap, label: `cap${cap}` })),
      },
      async ({ client, schedulers }) => {
        log(`temporal at ${target.address}; logs in ${logDir}`);
        const ctx: BenchContext = {
          client,
          target,
          runId: run.runId,
          logDir,
          inFlight: options.inFlight,
          rate: options.rate,
          apiToken: run.apiToken,
        };
        // Nothing to see at rest on a server that is not ours.
        const idle =
          options.idleSeconds > 0 && target.enginePids
            ? await Promise.race([measureIdle(target, options.idleSeconds), target.crashed])
            : null;
        const schedulerOf = (cap: number) => schedulers[caps.indexOf(cap)]!;
        const reports = await runPlan(ctx, run.planned, schedulerOf, options.baseline);
        const burst = options.only.includes(BURST_WORKLOAD)
          ? await runBurst(ctx, options, { ...group, cap: options.cap })
          : null;
        return {
          target: await describeTarget(target, client, options),
          idle,
          workloads: reports.workloads,
          baseline: reports.baseline,
          workload1_vs_baseline: compareWithBaseline(reports.workloads, reports.baseline),
          hop_baseline: reports.hopBaseline,
          workload3_vs_hop_baseline: compareWithHopBaseline(reports.workloads, reports.hopBaseline),
          burst,
          wall_s: (Date.now() - startedAt) / 1000,
        };
      },
    );
  } finally {
    await target.stop();
  }
}

async function describeTarget(
  target: BenchTarget,
  client: Client,
  options: BenchOptions,
): Promise<TargetRun['target']> {
  const info = await client.workflowService.getClusterInfo({});
  return {
    label: target.label,
    kind: target.kind,
    address: target.address,
    history_shards: info.historyShardCount ?? null,
    server_args: target.serverArgs,
    workers: options.workers,
    apis: options.apis,
  };
}
