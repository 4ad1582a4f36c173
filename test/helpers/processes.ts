// Real API and worker processes for the tests (the harness's, logging to .data/test-logs/<logName>.log).
import { join } from 'node:path';
import { projectRoot } from '../../src/project-root.js';
import { type ManagedProcess, stopAllManaged } from '../harness/managed-process.js';
import { type ApiProcess, startApiProcess, startWorkerProcess } from '../harness/scheduler-processes.js';

/** Where every process a test starts writes its output. */
export const testLogDir = join(projectRoot(), '.data', 'test-logs');

export interface ComponentOptions {
  temporalAddress: string;
  taskQueue: string;
  /** Extra environment variables, e.g. MAX_CONCURRENT_TASKS. */
  env?: Record<string, string>;
  /** Name of the log file under .data/test-logs/. */
  logName: string;
}

/** A worker or API process; `stop(signal)` sends the signal and resolves once the process exited. */
export type Component = ManagedProcess;

const harnessOptions = (options: ComponentOptions) => ({
  ...options,
  name: options.logName,
  logFile: join(testLogDir, `${options.logName}.log`),
});

/** Starts an API process on a free port and resolves once it listens. */
export function startApi(options: ComponentOptions): Promise<ApiProcess> {
  return startApiProcess(harnessOptions(options));
}

/** Starts a worker process. It polls as soon as it has bundled its workflows (about two seconds). */
export function startWorker(options: ComponentOptions): Component {
  return startWorkerProcess(harnessOptions(options));
}

/** Kills every process a test started and did not stop: no test leaks a worker into the next. */
export function stopAllProcesses(): Promise<void> {
  return stopAllManaged('SIGKILL');
}
