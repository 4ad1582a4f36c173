// Compares two bench reports (bench-results/*.json) workload by workload: what moved between two runs, e.g. one
// worker against two, one API against two, one history shard against sixteen. `--help` for the arguments.
import { readFileSync } from 'node:fs';
import { formatComparison } from './comparison-table.js';
import { COMPARE_USAGE, parseCompareOptions } from './options/compare-options.js';
import { UsageError } from './options/usage-error.js';
import type { RunReport } from './run-report.js';
import { compareTargets } from './target-comparison.js';
import type { TargetRun } from './target-run.js';

function pickRun(file: string, label: string | undefined): TargetRun {
  const report = JSON.parse(readFileSync(file, 'utf8')) as RunReport;
  const run = label === undefined ? report.runs[0] : report.runs.find((r) => r.target.label === label);
  if (!run)
    throw new UsageError(
      `${file} has no run ${label ?? ''} (it has: ${report.runs.map((r) => r.target.label).join(', ')})`,
    );
  return run;
}

/** `label (kind, shards, workers, APIs)`: what differs between the two is usually what was measured. */
function describe(file: string, run: TargetRun): string {
  const t = run.target;
  return `${file}: ${t.label} (${t.kind}, ${t.history_shards ?? '?'} shards, ${t.workers} worker(s), ${t.apis} API(s))`;
}

try {
  const options = parseCompareOptions(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(COMPARE_USAGE + '\n');
  } else {
    const base = pickRun(options.base, options['base-run']);
    const other = pickRun(options.other, options['other-run']);
    const comparison = compareTargets(base, other);
    // The two labels are often equal (two dev runs): name them by file instead.
    const named = { ...comparison, base: 'base', other: 'other' };
    process.stdout.write(
      [
        `base  = ${describe(options.base, base)}`,
        `other = ${describe(options.other, other)}`,
        '',
        formatComparison(named),
      ].join('\n') + '\n',
    );
  }
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  process.stderr.write(`${err.message}\n\n${COMPARE_USAGE}\n`);
  process.exit(2);
}
