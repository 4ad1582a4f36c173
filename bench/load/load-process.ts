import type { ChildProcess } from 'node:child_process';
import { forkManaged } from '../../test/harness/managed-process.js';
import { cpuSeconds, peakMemoryMb } from '../proc-stats.js';
import type { FromLoadProcess, SubmissionResult, ToLoadProcess } from './protocol.js';

export interface LoadRun {
  result: SubmissionResult;
  /** CPU seconds the load process used between `go` and `done`: submitting only, not its start-up. */
  cpu_s: number | null;
  peak_mb: number | null;
}

export interface LoadProcessOptions<P> {
  name: string;
  script: string;
  plan: P;
  logFile: string;
  /** Called just before the load starts: the moment to read the other processes' CPU counters. */
  onStart(): void | Promise<void>;
  /** Called with workflow ids as they are accepted. */
  onAccepted(workflowIds: string[]): void;
  /** Rejecting promises (crashes of the server, worker, API) that abort the wait. */
  abortOn: Promise<never>[];
}

/** Forks a load process, runs its plan (see serve-load.ts for the protocol) and measures it. */
export async function runLoadProcess<P>(options: LoadProcessOptions<P>): Promise<LoadRun> {
  const load = forkManaged({ name: options.name, script: options.script, logFile: options.logFile });
  try {
    const send = (message: ToLoadProcess<P>) => load.process.send(message);
    const done = new Promise<LoadRun>((resolve, reject) => {
      let cpuAtGo: number | null = null;
      onMessage(load.process, (message) => {
        if (message.type === 'ready') {
          cpuAtGo = cpuSeconds(load.pid);
          Promise.resolve(options.onStart()).then(() => send({ type: 'go' }), reject);
        } else if (message.type === 'accepted') {
          options.onAccepted(message.workflow_ids);
        } else {
          const cpuAtDone = cpuSeconds(load.pid);
          resolve({
            result: message.result,
            cpu_s: cpuAtGo === null || cpuAtDone === null ? null : cpuAtDone - cpuAtGo,
            peak_mb: peakMemoryMb(load.pid),
          });
        }
      });
    });
    send({ type: 'plan', plan: options.plan });
    return await Promise.race([done, load.crashed, ...options.abortOn]);
  } finally {
    await load.stop();
  }
}

function onMessage(child: ChildProcess, handler: (message: FromLoadProcess) => void): void {
  // The messages come from our own load scripts, which send nothing but FromLoadProcess.
  child.on('message', (message) => handler(message as FromLoadProcess));
}
