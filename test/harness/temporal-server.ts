// The Temporal server of a test run or a benchmark run: a running one reused, or an embedded dev server started
// exactly as `npm start` starts it (src/temporal/dev-server.ts holds the flags), headless, on a free port.
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { startDevServer, temporalCliPath } from '../../src/temporal/dev-server.js';
import { freePort } from './free-port.js';
import { manage } from './managed-process.js';
import { ServerUnavailableError } from './server-unavailable-error.js';

/** How long a freshly started embedded server may take to accept connections (seconds of CPU on 2 cores). */
const START_TIMEOUT_MS = 60_000;
/** How long a reused server may take to answer before it counts as unreachable. */
const REUSE_CONNECT_TIMEOUT_MS = 5_000;

export interface EmbeddedServerOptions {
  /** Folder of its SQLite database (`temporal.db`) and log (`temporal.log`); a fresh one means a fresh server. */
  dataDir: string;
  /** The `temporal` CLI. @defaultValue the pinned one in .tools/temporal (scripts/setup.mjs installs it) */
  cliPath?: string;
  /** Flags appended after the shared ones (so they override them), e.g. the benchmark measuring a setting. */
  extraArgs?: string[];
}

export type TemporalServerOptions = { reuseAddress: string } | EmbeddedServerOptions;

export interface TemporalServer {
  /** `host:port` of its frontend. */
  address: string;
  /** Pid of the embedded server (the benchmark measures its CPU); undefined for a reused one. */
  pid: number | undefined;
  /** Where the embedded server logs; undefined for a reused one. */
  logFile: string | undefined;
  /** The embedded server's exact command-line arguments (null for a reused one). */
  args: string[] | null;
  /** Rejects with a ServerUnavailableError if the embedded server dies before stop(); never for a reused one. */
  crashed: Promise<never>;
  /** Stops the embedded server (a reused one is left running). */
  stop(): Promise<void>;
}

/** Resolves once the server accepts connections. */
export function provideTemporalServer(options: TemporalServerOptions): Promise<TemporalServer> {
  return 'reuseAddress' in options ? reuseServer(options.reuseAddress) : startEmbeddedServer(options);
}

async function reuseServer(address: string): Promise<TemporalServer> {
  try {
    const connection = await Connection.connect({ address, connectTimeout: REUSE_CONNECT_TIMEOUT_MS });
    await connection.close();
  } catch (err) {
    throw new ServerUnavailableError(
      `Temporal server at ${address} is unreachable: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  const crashed = new Promise<never>(() => undefined); // not ours to watch: its failures surface as RPC errors
  return { address, pid: undefined, logFile: undefined, args: null, crashed, stop: () => Promise.resolve() };
}

async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<TemporalServer> {
  const dataDir = resolve(options.dataDir);
  const server = startDevServer({
    cliPath: options.cliPath ?? temporalCliPath(),
    dataDir,
    port: await freePort(),
    headless: true,
    extraArgs: options.extraArgs ?? [],
  });
  const logFile = join(dataDir, 'temporal.log');
  // Registered last in line, so that stopAllManaged() lets workers and APIs shut down against a live server.
  const managed = manage(server.process, { name: 'embedded Temporal server', logFile, stopLast: true });
  const crashed = managed.crashed.catch((err: Error) => {
    throw new ServerUnavailableError(err.message, { cause: err });
  });
  crashed.catch(() => undefined); // handled by whoever races it; never an unhandled rejection
  try {
    await Promise.race([waitUntilReachable(server.address), crashed]);
  } catch (err) {
    await managed.stop();
    throw err;
  }
  return {
    address: server.address,
    pid: managed.pid,
    logFile,
    args: server.process.spawnargs.slice(1),
    crashed,
    stop: () => managed.stop(),
  };
}

async function waitUntilReachable(address: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      await connection.close();
      return;
    } catch (err) {
      if (Date.now() > deadline) {
        throw new ServerUnavailableError(
          `embedded Temporal server not reachable at ${address}: ${(err as Error).message}`,
          { cause: err },
        );
      }
      await sleep(250);
    }
  }
}
