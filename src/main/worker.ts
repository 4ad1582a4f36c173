// Entry point of one worker process: `npm run start:worker`.
import { NativeConnection, Runtime } from '@temporalio/worker';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../logging/logger.js';
import { temporalLogger } from '../logging/temporal-logger.js';
import { workerTelemetry } from '../metrics/worker-telemetry.js';
import { createWorkMetrics } from '../metrics/work-metrics.js';
import { DEFAULT_TEMPORAL_ADDRESS, connectClient } from '../temporal/connect.js';
import { ensureSearchAttributes } from '../temporal/search-attributes.js';
import { createTypeWorkers, createWorker } from '../worker/create-worker.js';
import { startHealthServer } from '../worker/health-server.js';
import { type WorkerReadinessSource, workerReadiness } from '../worker/worker-readiness.js';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL, 'worker');
Runtime.install({
  logger: temporalLogger(logger),
  telemetryOptions: workerTelemetry(config.WORKER_METRICS_PORT),
});
if (config.WORKER_METRICS_PORT !== undefined) {
  logger.info({ port: config.WORKER_METRICS_PORT }, 'worker metrics listening');
}

const address = config.TEMPORAL_ADDRESS ?? DEFAULT_TEMPORAL_ADDRESS;
const namespace = config.TEMPORAL_NAMESPACE;
// The probes answer from the start: alive at once, ready once Temporal answers and the worker polls.
const readiness: WorkerReadinessSource = { namespace };
const health =
  config.WORKER_HEALTH_PORT === undefined
    ? undefined
    : await startHealthServer({
        port: config.WORKER_HEALTH_PORT,
        readiness: () => workerReadiness(readiness),
        logger,
      });
if (health) {
  logger.info({ port: health.port }, 'worker health listening');
  // Lets a parent process (tests) learn the port when WORKER_HEALTH_PORT=0.
  process.send?.({ type: 'health-listening', port: health.port });
}

const { client, connection: clientConnection } = await connectClient({ address, namespace, logger });
readiness.connection = clientConnection;
const added = await ensureSearchAttributes(clientConnection, namespace);
if (added.length > 0) logger.info({ added }, 'registered search attributes');
const connection = await NativeConnection.connect({ address });
const workerOptions = {
  connection,
  client,
  namespace,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  maxConcurrentTasks: config.MAX_CONCURRENT_TASKS,
  workMetrics: createWorkMetrics(Runtime.instance().metricMeter),
  typeLimits: config.TASK_TYPE_LIMITS,
};
const worker = await createWorker(workerOptions);
const typeWorkers = await createTypeWorkers(workerOptions);
readiness.worker = worker;

// Worker.run() already stops on SIGINT/SIGTERM: it stops polling, lets running tasks finish within the grace time
// (after which they are cancelled and retried elsewhere), then resolves.
logger.info(
  {
    address,
    namespace,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    maxConcurrentTasks: config.MAX_CONCURRENT_TASKS,
    taskTypeLimits: config.TASK_TYPE_LIMITS,
  },
  'worker started',
);
try {
  await Promise.all([worker.run(), ...typeWorkers.map((typeWorker) => typeWorker.run())]);
} finally {
  await connection.close();
  await clientConnection.close();
  await health?.close();
  logger.info('worker stopped');
}
