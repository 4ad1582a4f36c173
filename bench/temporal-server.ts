import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { startDevServer, temporalCliPath } from '../src/temporal/dev-server.js';
import { freePort } from './free-port.js';

/** How long a freshly started embedded server may take to accept connections. */
const START_TIMEOUT_MS = 60_000;
/** How long a reused server (TEMPORAL_ADDRESS) may take to answer before the run fails. */
const REUSE_CONNECT_TIMEOUT_MS = 5_000;

export interface BenchServer {
  address: string;
  /** Pid of the embedded server, whose CPU and memory are measured; undefined for a reused server. */
  pid: number | undefined;
  /** Where the embedded server writes its log (undefined for a reused server). */
  logFile: string | undefined;
  /** The embedded server's exact command-line arguments, recorded in the report (null for a reused server). */
  args: string[] | null;
  /** Rejects if the embedded server dies before stop(): raced against every wait of the run. */
  crashed: Promise<never>;
  stop(): Promise<void>;
}

/** Thrown when the Temporal server cannot be reached or started: the run stops with this message. */
export class ServerUnavailableError extends Error {
  override name = 'ServerUnavailableError';
}

/**
 * The server the run measures: the one TEMPORAL_ADDRESS names, or an embedded dev server started exactly as
 * `npm start` starts it (startDevServer: same flags), headless, on a free port, with a fresh database in `dataDir`
 * so earlier runs' workflows never weigh on this one.
 */
export async function provideServer(options: {
  reuseAddress: string | undefined;
  dataDir: string;
  extraArgs: string[];
}) {
  return options.reuseAddress
    ? reuseServer(options.reuseAddress)
    : startEmbeddedServer(options.dataDir, options.extraArgs);
}

async function reuseServer(address: string): Promise<BenchServer> {
  try {
    const connection = await Connection.connect({ address, connectTimeout: REUSE_CONNECT_TIMEOUT_MS });
    await connection.close();
  } catch (err) {
    throw new ServerUnavailableError(
      `Temporal server at TEMPORAL_ADDRESS=${address} is unreachable: ${(err as Error).message}`,
    );
  }
  const crashed = new Promise<never>(() => undefined); // not ours to watch: its failures surface as RPC errors
  return { address, pid: undefined, logFile: undefined, args: null, crashed, stop: () => Promise.resolve() };
}

async function startEmbeddedServer(dataDir: string, extraArgs: string[]): Promise<BenchServer> {
  const server = startDevServer({
    cliPath: temporalCliPath(process.env.TEMPORAL_CLI_PATH),
    dataDir,
    port: await freePort(),
    headless: true,
    extraArgs,
  });
  const logFile = join(dataDir, 'temporal.log');
  let stopping = false;
  const crashed = once(server.process, 'exit').then(([code]) => {
    if (stopping) return new Promise<never>(() => undefined);
    throw new ServerUnavailableError(
      `embedded Temporal server exited (code ${String(code)}); see ${logFile}`,
    );
  });
  crashed.catch(() => undefined); // handled by whoever races it; never an unhandled rejection
  await Promise.race([waitUntilReachable(server.address), crashed]);
  return {
    address: server.address,
    pid: server.process.pid,
    logFile,
    args: server.process.spawnargs.slice(1),
    crashed,
    stop: () => {
      stopping = true;
      return server.stop();
    },
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
        );
      }
      await sleep(250);
    }
  }
}
