// Child processes of the tests and the benchmark: output to a log file, an unexpected exit noticed, a graceful
// stop that cannot hang, and a registry so that an error or Ctrl-C never leaves one behind.
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * How long a process may take to exit after the stop signal before it is killed: long enough for a worker to
 * finish a running task of a few seconds, short enough that a hung process cannot stall a run.
 */
const STOP_GRACE_MS = 15_000;

export interface ManagedProcess {
  /** Names the process in errors, e.g. `cap50 worker`. */
  name: string;
  process: ChildProcess;
  pid: number;
  /** Where its stdout and stderr go. */
  logFile: string;
  /** Rejects when the process exits before stop() was called: race it against any wait that needs the process. */
  crashed: Promise<never>;
  /**
   * Sends `signal` and resolves once the process exited; SIGKILL follows if it is still alive after 15 s.
   * @defaultValue 'SIGTERM'
   */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface ManageOptions {
  name: string;
  logFile: string;
  /**
   * Stopped after every other process by {@link stopAllManaged}: the Temporal server, which the others need in
   * order to shut down gracefully. @defaultValue false
   */
  stopLast?: boolean;
}

/** Everything started and not yet stopped. */
const running = new Map<ManagedProcess, { stopLast: boolean }>();

/** Thrown when a managed process exits (or fails to start) before it was asked to stop. */
export class ProcessExitedError extends Error {
  override name = 'ProcessExitedError';
  constructor(
    readonly processName: string,
    readonly code: number | null,
    readonly signal: NodeJS.Signals | null,
    readonly logFile: string,
  ) {
    super(`${processName} exited unexpectedly (code ${code}, signal ${signal}); see ${logFile}`);
  }
}

/** Forks a Node script with an IPC channel; `env` is added to this process's environment. */
export function forkManaged(
  options: ManageOptions & { script: string; env?: Record<string, string | undefined> },
): ManagedProcess {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const child = fork(options.script, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return manage(child, options);
}

/** Takes charge of a process started elsewhere (e.g. by src/temporal/dev-server.ts), which logs by itself. */
export function manage(child: ChildProcess, options: ManageOptions): ManagedProcess {
  if (child.pid === undefined) throw new ProcessExitedError(options.name, null, null, options.logFile);
  let stopping = false;
  const crashed = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) => {
      running.delete(managed);
      if (!stopping) reject(new ProcessExitedError(options.name, code, signal, options.logFile));
    });
  });
  crashed.catch(() => undefined); // handled by whoever races it; never an unhandled rejection
  const managed: ManagedProcess = {
    name: options.name,
    process: child,
    pid: child.pid,
    logFile: options.logFile,
    crashed,
    async stop(signal = 'SIGTERM') {
      stopping = true;
      running.delete(managed);
      await stopChild(child, signal);
    },
  };
  running.set(managed, { stopLast: options.stopLast ?? false });
  return managed;
}

/**
 * Stops every managed process still running, all at once, those marked `stopLast` after the others.
 * @param signal SIGKILL where nothing needs to shut down cleanly (between test files). @defaultValue 'SIGTERM'
 */
export async function stopAllManaged(signal?: NodeJS.Signals): Promise<void> {
  const stopGroup = (last: boolean) =>
    Promise.all([...running].filter(([, o]) => o.stopLast === last).map(([p]) => p.stop(signal)));
  await stopGroup(false);
  await stopGroup(true);
}

/** The managed processes still running, for a guard that fails whoever leaked one. */
export function runningManaged(): ManagedProcess[] {
  return [...running.keys()];
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}
