// Runs one dagctl command line and turns whatever it throws into a one-line message and an exit code.
import { CommanderError } from 'commander';
import { ApiError } from './api-error.js';
import { ApiUnreachableError } from './api-unreachable-error.js';
import { ExitCode } from './exit-codes.js';
import { type CliStreams, createProgram } from './program.js';
import { TaskFileError } from './task-file-error.js';
import { WatchInterruptedError } from './watch-interrupted-error.js';

/** Runs `argv` (as `process.argv`: node, script, then the arguments) and resolves with the exit code. */
export async function runDagctl(argv: readonly string[], streams: CliStreams): Promise<ExitCode> {
  let exitCode: ExitCode = ExitCode.OK;
  const program = createProgram(streams, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (err) {
    return report(err, streams.stderr);
  }
}

function report(err: unknown, stderr: NodeJS.WritableStream): ExitCode {
  // Commander has printed its own message (or the help, or the version) already.
  if (err instanceof CommanderError) return err.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
  const say = (message: string) => stderr.write(`dagctl: ${message}\n`);
  if (err instanceof TaskFileError) {
    say(err.message);
    return ExitCode.USAGE;
  }
  if (err instanceof ApiError || err instanceof ApiUnreachableError) {
    say(err.message);
    return ExitCode.API;
  }
  if (err instanceof WatchInterruptedError) {
    say(`${err.message}; follow it again with dagctl submit --watch on the same file`);
    return ExitCode.INTERRUPTED;
  }
  say(`internal error, please report it: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return ExitCode.INTERNAL;
}
