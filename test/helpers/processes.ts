// Real API and worker processes (the compiled entry points, as `npm run start:api` / `start:worker` run them).
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/project-root.js';

const root = projectRoot();
const logDir = join(root, '.data', 'test-logs');
const running = new Set<ChildProcess>();

export interface ComponentOptions {
  temporalAddress: string;
  taskQueue: string;
  /** Extra environment variables, e.g. MAX_CONCURRENT_TASKS. */
  env?: Record<string, string>;
  /** Name of the log file under .data/test-logs/. */
  logName: string;
}

export interface Component {
  process: ChildProcess;
  /** Sends a signal and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

function startComponent(entry: 'api' | 'worker', options: ComponentOptions): ChildProcess {
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, `${options.logName}.log`), { flags: 'a' });
  const child = fork(join(root, 'dist', 'src', 'main', `${entry}.js`), {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: options.temporalAddress,
      TEMPORAL_TASK_QUEUE: options.taskQueue,
      PORT: '0',
      LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

/** Starts an API process on a free port and resolves once it listens. */
export async function startApi(options: ComponentOptions): Promise<Component & { url: string }> {
  const child = startComponent('api', options);
  const port = await new Promise<number>((resolve, reject) => {
    child.on('message', (m: { type?: string; port?: number }) => {
      if (m.type === 'listening' && m.port) resolve(m.port);
    });
    child.once('exit', (code) => reject(new Error(`api exited with ${code} before listening`)));
  });
  return { process: child, url: `http://127.0.0.1:${port}`, stop: (signal) => stopProcess(child, signal) };
}

/** Starts a worker process. It polls as soon as it has bundled its workflows (about two seconds). */
export function startWorker(options: ComponentOptions): Component {
  const child = startComponent('worker', options);
  return { process: child, stop: (signal) => stopProcess(child, signal) };
}

/** Kills every process a test started and did not stop: no test leaks a worker into the next. */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running].map((child) => stopProcess(child, 'SIGKILL')));
}
