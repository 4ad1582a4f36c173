// Entry point of one worker process: `npm run start:worker`.
import { NativeConnection, Runtime } from '@temporalio/worker';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../logging/logger.js';
import { temporalLogger } from '../logging/temporal-logger.js';
import { DEFAULT_TEMPORAL_ADDRESS, connectClient } from '../temporal/connect.js';
import { ensureSearchAttributes } from '../temporal/search-attributes.js';
import { createWorker } from '../worker/create-worker.js';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL, 'worker');
Runtime.install({ logger: temporalLogger(logger) });

const address = config.TEMPORAL_ADDRESS ?? DEFAULT_TEMPORAL_ADDRESS;
const namespace = config.TEMPORAL_NAMESPACE;
const { client, connection: clientConnection } = await connectClient({ address, namespace, logger });
const added = await ensureSearchAttributes(clientConnection, namespace);
if (added.length > 0) logger.info({ added }, 'registered search attributes');
const connection = await NativeConnection.connect({ address });
const worker = await createWorker({
  connection,
  client,
  namespace,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  maxConcurrentTasks: config.MAX_CONCURRENT_TASKS,
});

// Worker.run() already stops on SIGINT/SIGTERM: it stops polling, lets running tasks finish within the grace time
// (after which they are cancelled and retried elsewhere), then resolves.
logger.info(
  {
    address,
    namespace,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    maxConcurrentTasks: config.MAX_CONCURRENT_TASKS,
  },
  'worker started',
);
try {
  await worker.run();
} finally {
  await connection.close();
  await clientConnection.close();
  logger.info('worker stopped');
}
