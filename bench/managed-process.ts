import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** How long a process may take to shut down gracefully before it is killed. */
const STOP_GRACE_MS = 15_000;

/** A forked Node process of the benchmark: its output goes to a log file, its death is noticed. */
export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  /** Rejects when the process exits before stop() was called: race it against any wait that needs the process. */
  crashed: Promise<never>;
  stop(): Promise<void>;
}

/** Everything forked and not yet stopped, so that an error or Ctrl-C never leaves a worker behind. */
const running = new Set<ManagedProcess>();

export function forkManaged(
  name: string,
  script: string,
  options: { env: NodeJS.ProcessEnv; logFile: string },
): ManagedProcess {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = fork(script, { env: options.env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  if (child.pid === undefined) throw new Error(`could not start ${name} (${script})`);
  let stopping = false;
  const crashed = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) => {
      if (!stopping)
        reject(
          new Error(`${name} exited unexpectedly (code ${code}, signal ${signal}); see ${options.logFile}`),
        );
    });
  });
  crashed.catch(() => undefined); // handled by whoever races it; never an unhandled rejection
  const managed: ManagedProcess = {
    name,
    child,
    pid: child.pid,
    crashed,
    async stop() {
      stopping = true;
      running.delete(managed);
      await stopChild(child);
    },
  };
  running.add(managed);
  return managed;
}

/** Stops every process still running (on error or signal); each gets the same graceful stop. */
export async function stopAllManaged(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop()));
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
