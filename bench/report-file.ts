import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunReport } from './run-report.js';

/**
 * Writes the report as `<timestamp>.json` (kept, to compare runs over time) and copies it to `latest.json` (a
 * stable path for scripts). Returns the timestamped path.
 */
export async function writeReportFiles(
  resultsDir: string,
  timestamp: string,
  report: RunReport,
): Promise<string> {
  const file = join(resultsDir, `${timestamp}.json`);
  await writeFile(file, JSON.stringify(report, null, 2) + '\n');
  await copyFile(file, join(resultsDir, 'latest.json'));
  return file;
}
