import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface UiServerOptions {
  binary: string;
  /** Holds its generated config folder and log. */
  dataDir: string;
  /** `host:port` of the Temporal frontend. */
  temporalAddress: string;
  port: number;
  defaultNamespace: string;
  onUnexpectedExit: (code: number | null, signal: NodeJS.Signals | null) => void;
}

/** The Temporal Web UI server (ui-server module, UI assets embedded), on 127.0.0.1. */
export class UiServer {
  readonly url: string;
  private child: ChildProcess | undefined;
  private expectedExit = false;

  constructor(private readonly options: UiServerOptions) {
    this.url = `http://127.0.0.1:${options.port}`;
  }

  /** Starts it and resolves once it answers its health check. */
  async start(): Promise<void> {
    const { binary, dataDir, port, temporalAddress, defaultNamespace } = this.options;
    const configDir = join(dataDir, 'ui-config');
    mkdirSync(configDir, { recursive: true });
    // Its loader reads <config>/base.yaml then <config>/<env>.yaml; one file written per start keeps ports current.
    writeFileSync(
      join(configDir, 'cluster.yaml'),
      [
        '# Written by src/cluster/ui-server.ts on every start.',
        `temporalGrpcAddress: ${temporalAddress}`,
        'host: 127.0.0.1',
        `port: ${port}`,
        'enableUi: true',
        `defaultNamespace: ${defaultNamespace}`,
        'refreshInterval: 1m',
        // No internet on these machines, and no reason to call home.
        'disableNewsFetch: true',
        'notifyOnNewVersion: false',
        'cors:',
        '  cookieInsecure: true',
        '  allowOrigins: []',
        'auth:',
        '  enabled: false',
        '',
      ].join('\n'),
    );
    const log = createWriteStream(join(dataDir, 'ui.log'), { flags: 'a' });
    const child = spawn(binary, ['--root', dataDir, '--config', 'ui-config', '--env', 'cluster', 'start'], {
      env: {},
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: Ctrl-C in the terminal reaches only us, and we stop the processes in order.
      detached: true,
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    this.child = child;
    this.expectedExit = false;
    let exited = false;
    child.once('exit', (code, signal) => {
      exited = true;
      this.child = undefined;
      if (!this.expectedExit) this.options.onUnexpectedExit(code, signal);
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (exited) throw new Error(`the Web UI server exited at start; see ${join(dataDir, 'ui.log')}`);
      try {
        if ((await fetch(`${this.url}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline)
        throw new Error(`the Web UI server did not answer on ${this.url} within 30 s`);
      await sleep(200);
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.expectedExit = true;
    const exit = once(child, 'exit');
    child.kill('SIGTERM');
    await exit;
  }

  pid(): number | undefined {
    return this.child?.pid;
  }
}
