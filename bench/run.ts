// `npm run bench`: measures the scheduler end to end (server, worker and API as separate processes, driven over
// HTTP by a separate load process) on five workloads plus two raw-Temporal baselines (throughput next to workload
// 1, dependency hops next to workload 3), prints a table and writes JSON under bench-results/. Flags: see
// options.ts (`npm run bench -- --help`).
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { projectRoot } from '../src/project-root.js';
import type { BenchContext } from './bench-context.js';
import { startBaselineWorker } from './baseline/baseline-worker-process.js';
import { runBaseline } from './baseline/run-baseline.js';
import { runHopBaseline } from './baseline/run-hop-baseline.js';
import { stopAllManaged } from './managed-process.js';
import { type BenchOptions, USAGE, UsageError, parseOptions } from './options.js';
import { writeReportFiles } from './report-file.js';
import { formatReport } from './report-table.js';
import { buildRunReport } from './run-report.js';
import { runWorkload } from './run-workload.js';
import { SchedulerPool } from './scheduler-pool.js';
import { type BenchServer, provideServer } from './temporal-server.js';
import type { WorkloadReport } from './workload-report.js';
import { buildWorkloads } from './workloads/catalog.js';

const options = parseCommandLine(process.argv.slice(2));
const startedAt = new Date();
const timestamp = startedAt.toISOString().replace(/[:.]/g, '-');
const root = projectRoot();
const resultsDir = options.resultsDir ?? join(root, 'bench-results');
const dataDir = join(resultsDir, `data-${timestamp}`);
const logDir = join(dataDir, 'logs');
mkdirSync(logDir, { recursive: true });
const reuseAddress = process.env.TEMPORAL_ADDRESS;
const loadAverageAtStart = loadavg();

let server: BenchServer | undefined;
let connection: Connection | undefined;
let pool: SchedulerPool | undefined;
let cleanedUp: Promise<void> | undefined;
/** Stops everything this run started, whatever happened; the database goes too unless --keep-data. */
function cleanup(): Promise<void> {
  cleanedUp ??= (async () => {
    await pool?.stop();
    await stopAllManaged();
    await connection?.close();
    await server?.stop();
    if (!reuseAddress && !options.keepData) {
      for (const suffix of ['', '-wal', '-shm'])
        rmSync(join(dataDir, `temporal.db${suffix}`), { force: true });
    }
  })();
  return cleanedUp;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
}

let exitCode = 0;
try {
  server = await provideServer({ reuseAddress, dataDir, extraArgs: options.serverArgs });
  connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
  const runId = Date.now().toString(36);
  const apiToken = randomBytes(24).toString('base64url');
  const ctx: BenchContext = {
    client,
    server,
    runId,
    logDir,
    inFlight: options.inFlight,
    rate: options.rate,
    apiToken,
  };
  process.stderr.write(`[bench] temporal at ${server.address}; logs in ${logDir}\n`);

  const planned = buildWorkloads(options, runId);
  const workload1 = planned.find((w) => w.number === 1);
  const workload3 = planned.find((w) => w.number === 3);
  // The workloads run in order, so the last one with a baseline is the baseline worker's last use.
  const lastWithBaseline = options.baseline ? (workload3 ?? workload1) : undefined;
  // Every process starts up front, concurrently and before any measurement; then the workloads run in order.
  pool = new SchedulerPool({ client, address: server.address, runId, logDir, apiToken });
  const [baselineWorker] = await Promise.all([
    lastWithBaseline ? startBaselineWorker(ctx, lastWithBaseline.cap) : undefined,
    pool.startAll(planned.map((w) => w.cap)),
  ]);
  const workloads: WorkloadReport[] = [];
  let baseline: WorkloadReport | null = null;
  let hopBaseline: WorkloadReport | null = null;
  for (const workload of planned) {
    workloads.push(await runWorkload(ctx, await pool.get(workload.cap), workload));
    if (!baselineWorker) continue;
    // Each baseline runs right after its workload: same size, same server, as similar a state of its database
    // as possible.
    if (workload === workload1) baseline = await runBaseline(ctx, baselineWorker, workload.tasks.length);
    if (workload === workload3)
      hopBaseline = await runHopBaseline(ctx, baselineWorker, workload.tasks.length);
    if (workload === lastWithBaseline) await baselineWorker.process.stop();
  }
  const report = buildRunReport({
    startedAt,
    loadAverageAtStart,
    options,
    server,
    workloads,
    baseline,
    hopBaseline,
  });
  process.stdout.write(formatReport(report) + '\n');
  const file = await writeReportFiles(resultsDir, timestamp, report);
  process.stderr.write(`[bench] wrote ${file} and ${join(resultsDir, 'latest.json')}\n`);
  const problems = [...workloads, ...[baseline, hopBaseline].filter((b) => b !== null)].filter(
    (w) => w.failed + w.submit.errors > 0,
  );
  if (problems.length > 0) {
    process.stderr.write(
      `[bench] failed tasks or submissions in: ${problems.map((w) => w.label).join(', ')}\n`,
    );
    exitCode = 1;
  }
} catch (err) {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);

function parseCommandLine(argv: string[]): BenchOptions {
  try {
    const parsed = parseOptions(argv);
    if (parsed !== 'help') return parsed;
    process.stdout.write(USAGE + '\n');
    process.exit(0);
  } catch (err) {
    // parseArgs reports unknown or malformed flags as TypeErrors with an ERR_PARSE_ARGS_* code.
    const isParseError =
      err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS');
    if (!(err instanceof UsageError) && !isParseError) throw err;
    process.stderr.write(`${err.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
}
