// `npm run bench`: measures the scheduler end to end (server, workers and APIs as separate processes, driven over
// HTTP by a separate load process) on five workloads plus two raw-Temporal baselines (throughput next to workload
// 1, dependency hops next to workload 3) and, when asked, an overload burst (workload 6), on the embedded dev
// server, a local cluster on PostgreSQL, or both in turn; prints a table and writes JSON under bench-results/.
// Flags: see options/bench-options.ts (`npm run bench -- --help`).
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/project-root.js';
import { temporalCliPath } from '../src/temporal/dev-server.js';
import { stopAllManaged } from '../test/harness/managed-process.js';
import { USAGE, parseBenchOptions } from './options/bench-options.js';
import { UsageError } from './options/usage-error.js';
import { writeReportFiles } from './report-file.js';
import { formatReport } from './report-table.js';
import { buildRunReport } from './run-report.js';
import { runTarget } from './run-target.js';
import { type TargetRun, runProblems } from './target-run.js';
import { stopActiveTargets } from './targets/provide-target.js';
import { planTargets } from './targets/target-plan.js';
import { buildWorkloads } from './workloads/catalog.js';

const { options, environment } = parseCommandLine(process.argv.slice(2));
const startedAt = new Date();
const timestamp = startedAt.toISOString().replace(/[:.]/g, '-');
const resultsDir = options.resultsDir ?? join(projectRoot(), 'bench-results');
const dataDir = join(resultsDir, `data-${timestamp}`);
const loadAverageAtStart = loadavg();

async function stopEverything(): Promise<void> {
  await stopAllManaged(); // load, baseline and scheduler processes an error left behind, the dev server last
  await stopActiveTargets(); // a cluster's PostgreSQL runs detached: it would outlive the run
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stopEverything().finally(() => process.exit(130)));
}

const runId = Date.now().toString(36);
// See BenchContext.apiToken.
const apiToken = randomBytes(24).toString('base64url');
const planned = buildWorkloads(options, runId);

let exitCode = 1;
try {
  const runs: TargetRun[] = [];
  for (const spec of planTargets(options, environment)) {
    runs.push(
      await runTarget(spec, {
        options,
        planned,
        runId,
        apiToken,
        namespace: environment.TEMPORAL_NAMESPACE,
        cliPath: temporalCliPath(environment.TEMPORAL_CLI_PATH),
        dataDir: join(dataDir, spec.label),
      }),
    );
  }
  const report = buildRunReport({ startedAt, loadAverageAtStart, options, runs });
  process.stdout.write(formatReport(report) + '\n');
  const file = await writeReportFiles(resultsDir, timestamp, report);
  process.stderr.write(`[bench] wrote ${file} and ${join(resultsDir, 'latest.json')}\n`);
  const problems = runs.flatMap(runProblems);
  if (problems.length > 0)
    process.stderr.write(`[bench] failed tasks or submissions in: ${problems.join(', ')}\n`);
  exitCode = problems.length === 0 ? 0 : 1;
} catch (err) {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
} finally {
  await stopEverything();
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
