import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { projectRoot } from '../project-root.js';

/** The pinned CLI installed by scripts/setup.mjs, unless TEMPORAL_CLI_PATH names another. */
export function temporalCliPath(override?: string): string {
  return override ?? join(projectRoot(), '.tools', 'temporal', 'bin', 'temporal');
}

export interface DevServerSettings {
  /** SQLite file; the server keeps everything there across restarts. */
  dbFile: string;
  port: number;
  uiPort: number;
}

/**
 * The flags every embedded server gets (npm start, tests, benchmarks), so that all of them measure and exercise
 * the same configuration.
 */
export function devServerArgs({ dbFile, port, uiPort }: DevServerSettings): string[] {
  return [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--ui-port',
    String(uiPort),
    '--db-filename',
    dbFile,
    '--log-level',
    'warn',
    ...extraDevServerArgs(),
  ];
}

/** Flags beyond address and storage: also passed to `@temporalio/testing`'s local server in tests. */
export function extraDevServerArgs(): string[] {
  return [
    // One SQLite connection serialises every write: WAL with synchronous=normal makes each commit far cheaper
    // while still surviving a process crash (only an OS crash can lose the last transactions).
    '--sqlite-pragma',
    'journal_mode=wal',
    '--sqlite-pragma',
    'synchronous=normal',
    // The worker that schedules the work activity may start it at once, skipping a round trip through matching.
    '--dynamic-config-value',
    'system.enableActivityEagerExecution=true',
    // One partition per task queue instead of four: matching orders a backlog by priority within a partition only,
    // so with four a priority-1 task often started after priority-5 ones queued before it (test/integration/
    // priority.test.ts: mixed order in every run); with one, strictly in priority order. One process, one shard
    // and one SQLite connection gain nothing from more partitions.
    '--dynamic-config-value',
    'matching.numTaskqueueReadPartitions=1',
    '--dynamic-config-value',
    'matching.numTaskqueueWritePartitions=1',
  ];
}

export interface DevServer {
  process: ChildProcess;
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

/** Starts `temporal server start-dev` persisted in `dataDir`, logging to `dataDir/temporal.log`. */
export function startDevServer(options: {
  cliPath: string;
  dataDir: string;
  port: number;
  /** Without the Web UI (tests). @defaultValue false */
  headless?: boolean;
  /** Flags appended last (so they override ours), e.g. by the benchmark to measure a setting. */
  extraArgs?: string[];
}): DevServer {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const uiPort = options.port + 1000;
  const log = createWriteStream(join(dataDir, 'temporal.log'), { flags: 'a' });
  const child = spawn(
    options.cliPath,
    [
      ...devServerArgs({ dbFile: join(dataDir, 'temporal.db'), port: options.port, uiPort }),
      ...(options.headless ? ['--headless'] : []),
      ...(options.extraArgs ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return {
    process: child,
    address: `127.0.0.1:${options.port}`,
    uiUrl: `http://127.0.0.1:${uiPort}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
