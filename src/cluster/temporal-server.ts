import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname } from 'node:path';
import { waitForFrontend } from './frontend-ready.js';
import { commandLine, isAlive } from './process-tree.js';

export interface TemporalServerOptions {
  /** The `cmd/server` binary. */
  binary: string;
  /** deploy/temporal-server.yaml. */
  configFile: string;
  /** The whole environment of the server (the template's variables). */
  env: Record<string, string>;
  /** `host:port` of the frontend. */
  address: string;
  /** stdout and stderr are appended here. */
  logFile: string;
  /** Holds the pid, so a server left behind by a killed run is found and stopped. */
  pidFile: string;
  log: (message: string) => void;
  /** Called when the server exits without being asked to. */
  onUnexpectedExit: (code: number | null, signal: NodeJS.Signals | null) => void;
}

/** One Temporal server process running every service (frontend, history, matching, worker). */
export class TemporalServer {
  private child: ChildProcess | undefined;
  private expectedExit = false;

  constructor(private readonly options: TemporalServerOptions) {}

  /** Starts the server and resolves once the frontend answers. */
  async start(): Promise<void> {
    if (this.pid() !== undefined) throw new Error('the Temporal server is already running');
    await this.stopLeftover();
    const { binary, configFile, env, logFile } = this.options;
    mkdirSync(dirname(logFile), { recursive: true });
    const log = createWriteStream(logFile, { flags: 'a' });
    // --allow-no-auth: the frontend listens on 127.0.0.1 only, as the dev server does; without the flag the server
    // warns that future versions will insist on it.
    const child = spawn(binary, ['--config-file', configFile, '--allow-no-auth', 'start'], {
      env,
      cwd: dirname(logFile),
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: Ctrl-C in the terminal reaches only us, and we stop the processes in order.
      detached: true,
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    this.child = child;
    this.expectedExit = false;
    if (child.pid !== undefined) writeFileSync(this.options.pidFile, `${child.pid}\n`);
    let exited: Error | undefined;
    child.once('exit', (code, signal) => {
      exited = new Error(`the Temporal server exited (code ${code}, signal ${signal}); see ${logFile}`);
      if (this.child === child) this.child = undefined;
      if (!this.expectedExit) this.options.onUnexpectedExit(code, signal);
    });
    const connection = await waitForFrontend({ address: this.options.address, abortIf: () => exited });
    await connection.close();
  }

  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  async stop(graceMs = 20_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.expectedExit = true;
    const exit = once(child, 'exit');
    child.kill('SIGTERM');
    const timedOut = await Promise.race([exit.then(() => false), sleep(graceMs).then(() => true)]);
    if (timedOut) {
      this.options.log(`Temporal server ignored SIGTERM for ${graceMs} ms; killing it`);
      child.kill('SIGKILL');
      await exit;
    }
    rmSync(this.options.pidFile, { force: true });
  }

  /** kill -9, as a crash would: no shutdown of shards, connections or in-flight requests. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.expectedExit = true;
    const exit = once(child, 'exit');
    child.kill('SIGKILL');
    await exit;
  }

  pid(): number | undefined {
    return this.child?.pid;
  }

  /** A server of an earlier run whose parent was killed (so nothing stopped it) still holds the ports. */
  private async stopLeftover(): Promise<void> {
    let pid: number;
    try {
      pid = Number(readFileSync(this.options.pidFile, 'utf8').trim());
    } catch {
      return;
    }
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && commandLine(pid)?.[0] === this.options.binary) {
      this.options.log(`a Temporal server of an earlier run (pid ${pid}) still runs; killing it`);
      process.kill(pid, 'SIGKILL');
      while (isAlive(pid)) await sleep(100);
    }
    rmSync(this.options.pidFile, { force: true });
  }
}
