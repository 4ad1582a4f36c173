// `npm start`: the whole service on one machine. Embeds a Temporal dev server (unless TEMPORAL_ADDRESS names
// one), then runs one worker and one API as child processes, exactly as `start:worker` and `start:api` would.
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../logging/logger.js';
import { connectClient } from '../temporal/connect.js';
import { type DevServer, startDevServer, temporalCliPath } from '../temporal/dev-server.js';
import { setRetention } from '../temporal/retention.js';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL, 'start');

let devServer: DevServer | undefined;
let address = config.TEMPORAL_ADDRESS;
if (!address) {
  devServer = startDevServer({
    cliPath: temporalCliPath(config.TEMPORAL_CLI_PATH),
    dataDir: config.TEMPORAL_DATA_DIR,
    port: config.TEMPORAL_DEV_PORT,
  });
  address = devServer.address;
  devServer.process.once('exit', (code) => {
    if (!stopping) logger.error({ code }, 'embedded temporal server exited; see .data/temporal.log');
    void stop(1);
  });
  // Wait for it to accept connections before the components start.
  const { connection } = await connectClient({ address, namespace: config.TEMPORAL_NAMESPACE, logger });
  await setRetention(connection, config.TEMPORAL_NAMESPACE, config.TEMPORAL_RETENTION_DAYS);
  await connection.close();
}

// The children read their own settings through loadConfig(); they inherit this environment plus the address.
// eslint-disable-next-line no-restricted-properties
const env = { ...process.env, TEMPORAL_ADDRESS: address };
const component = (name: string) =>
  fork(fileURLToPath(new URL(`./${name}.js`, import.meta.url)), { env, stdio: 'inherit' });
const children: ChildProcess[] = [component('worker'), component('api')];
const [, api] = children as [ChildProcess, ChildProcess];

let stopping = false;
async function stop(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    }),
  );
  await devServer?.stop();
  process.exit(exitCode);
}

for (const child of children) {
  child.once('exit', (code, signal) => {
    if (stopping) return;
    logger.error({ pid: child.pid, code, signal }, 'component exited; stopping everything');
    void stop(1);
  });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(0));

api.on('message', (message: { type?: string; port?: number }) => {
  if (message.type !== 'listening') return;
  const lines = [
    '',
    `  API:             http://localhost:${message.port}/api/tasks`,
    `  DAG page:        http://localhost:${message.port}/`,
    devServer ? `  Temporal Web UI: ${devServer.uiUrl}` : `  Temporal:        ${address}`,
    '  Ctrl-C stops everything.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
});
