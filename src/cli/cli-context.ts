import type { ApiClient } from './api-client.js';
import type { ProgressStream } from './watch-progress.js';

/** What every command works with: the API, the streams, and how to print. */
export interface CliContext {
  api: ApiClient;
  /** `--json`: print the API's answers as JSON (one document per command) instead of text. */
  json: boolean;
  stdin: NodeJS.ReadableStream;
  /** Results: text tables, or JSON with `--json`. */
  stdout: NodeJS.WritableStream;
  /** Progress, hints and errors, so that stdout stays parseable. */
  stderr: ProgressStream;
}

/** Writes `value` to stdout as indented JSON. */
export function printJson(ctx: CliContext, value: unknown): void {
  ctx.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLines(stream: NodeJS.WritableStream, lines: readonly string[]): void {
  if (lines.length > 0) stream.write(`${lines.join('\n')}\n`);
}
