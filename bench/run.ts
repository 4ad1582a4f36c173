// `npm run bench`: measures the scheduler end to end (server, worker and API as separate processes, driven over
// HTTP by a separate load process) on five workloads plus two raw-Temporal baselines (throughput next to workload
// 1, dependency hops next to workload 3), prints a table and writes JSON under bench-results/. Flags: see
// options/bench-options.ts (`npm run bench -- --help`).
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/project-root.js';
import { temporalCliPath } from '../src/temporal/dev-server.js';
import { stopAllManaged } from '../test/harness/managed-process.js';
import { withScheduler } from '../test/harness/with-scheduler.js';
import type { BenchContext } from './bench-context.js';
import { USAGE, parseBenchOptions } from './options/bench-options.js';
import { UsageError } from './options/usage-error.js';
import { writeReportFiles } from './report-file.js';
import { formatReport } from './report-table.js';
import { buildRunReport } from './run-report.js';
import { runPlan } from './run-plan.js';
import type { WorkloadReport } from './workload-report.js';
import { buildWorkloads } from './workloads/catalog.js';

const { options, environment } = parseCommandLine(process.argv.slice(2));
const startedAt = new Date();
const timestamp = startedAt.toISOString().replace(/[:.]/g, '-');
const resultsDir = options.resultsDir ?? join(projectRoot(), 'bench-results');
const dataDir = join(resultsDir, `data-${timestamp}`);
const logDir = join(dataDir, 'logs');
mkdirSync(logDir, { recursive: true });
const reuseAddress = environment.TEMPORAL_ADDRESS;
const loadAverageAtStart = loadavg();

/** The embedded server's database goes unless --keep-data; the logs stay. */
function removeData(): void {
  if (reuseAddress || options.keepData) return;
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `temporal.db${suffix}`), { force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stopAllManaged().finally(() => (removeData(), process.exit(130))));
}

const runId = Date.now().toString(36);
// See BenchContext.apiToken.
const apiToken = randomBytes(24).toString('base64url');
const planned = buildWorkloads(options, runId);
// Workloads with the same cap share one worker + API pair (and its task queue): nothing restarts between them,
// which keeps start-up out of the run time. Every pair starts, concurrently, before the first measurement.
const caps = [...new Set(planned.map((w) => w.cap))];

let exitCode = 1;
try {
  exitCode = await withScheduler(
    {
      temporal: reuseAddress
        ? { reuseAddress }
        : { dataDir, cliPath: temporalCliPath(environment.TEMPORAL_CLI_PATH), extraArgs: options.serverArgs },
      namespace: environment.TEMPORAL_NAMESPACE,
      schedulers: caps.map((cap) => ({
        label: `cap${cap}`,
        taskQueue: `bench-${runId}-cap${cap}`,
        logDir,
        env: { MAX_CONCURRENT_TASKS: String(cap), LOG_LEVEL: 'warn', API_TOKEN: apiToken },
      })),
    },
    async ({ server, client, schedulers }) => {
      process.stderr.write(`[bench] temporal at ${server.address}; logs in ${logDir}\n`);
      const ctx: BenchContext = {
        client,
        server,
        runId,
        logDir,
        inFlight: options.inFlight,
        rate: options.rate,
        apiToken,
      };
      const schedulerOf = (cap: number) => schedulers[caps.indexOf(cap)]!;
      const reports = await runPlan(ctx, planned, schedulerOf, options.baseline);
      const report = buildRunReport({ startedAt, loadAverageAtStart, options, server, ...reports });
      process.stdout.write(formatReport(report) + '\n');
      const file = await writeReportFiles(resultsDir, timestamp, report);
      process.stderr.write(`[bench] wrote ${file} and ${join(resultsDir, 'latest.json')}\n`);
      const problems = [...reports.workloads, reports.baseline, reports.hopBaseline].filter(
        (w): w is WorkloadReport => w !== null && w.failed + w.submit.errors > 0,
      );
      if (problems.length === 0) return 0;
      process.stderr.write(
        `[bench] failed tasks or submissions in: ${problems.map((w) => w.label).join(', ')}\n`,
      );
      return 1;
    },
  );
} catch (err) {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
} finally {
  await stopAllManaged(); // load or baseline processes an error left behind
  removeData();
}
process.exit(exitCode);

function parseCommandLine(argv: string[]) {
  try {
    const parsed = parseBenchOptions(argv);
    if (parsed !== 'help') return parsed;
    process.stdout.write(USAGE + '\n');
    process.exit(0);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
}
