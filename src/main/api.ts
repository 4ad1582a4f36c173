// Entry point of one API process: `npm run start:api`.
import { once } from 'node:events';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { createApp } from '../api/app.js';
import { answerClientError } from '../api/client-error.js';
import { temporalUiUrl } from '../config/config.js';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../logging/logger.js';
import { ApiMetrics } from '../metrics/api-metrics.js';
import { DEFAULT_TEMPORAL_ADDRESS, connectClient } from '../temporal/connect.js';
import { checkTemporalReadiness } from '../temporal/readiness.js';
import { ensureSearchAttributes } from '../temporal/search-attributes.js';
import { createTaskService } from '../tasks/task-service.js';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL, 'api');
const address = config.TEMPORAL_ADDRESS ?? DEFAULT_TEMPORAL_ADDRESS;
const namespace = config.TEMPORAL_NAMESPACE;

const { client, connection: clientConnection } = await connectClient({ address, namespace, logger });
const added = await ensureSearchAttributes(clientConnection, namespace);
if (added.length > 0) logger.info({ added }, 'registered search attributes');

const tasks = createTaskService({
  client,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  relayAfterHistoryEvents: config.RELAY_AFTER_HISTORY_EVENTS,
  taskTypeLimits: config.TASK_TYPE_LIMITS,
  admission: {
    maxQueued: config.ADMISSION_MAX_QUEUED,
    maxInFlight: config.ADMISSION_MAX_IN_FLIGHT,
    maxPerSecond: config.ADMISSION_MAX_RATE,
    slowAfterMs: config.ADMISSION_SLOW_SUBMIT_MS,
  },
});
const app = createApp({
  tasks,
  logger,
  readiness: () => checkTemporalReadiness(clientConnection, namespace),
  metrics: new ApiMetrics({
    stats: () => tasks.queries.stats(),
    admittedRate: () => tasks.admission.admittedRate(),
    admissionQueued: () => tasks.admission.lastQueued(),
  }),
  apiToken: config.API_TOKEN,
  corsOrigins: config.CORS_ORIGINS,
  dagPage: { temporalUiUrl: temporalUiUrl(config), namespace },
});
let stopping = false;
const handle = (req: IncomingMessage, res: ServerResponse) => {
  // Once stopping, every answer closes its connection, so keep-alive clients move on and close() can finish.
  if (stopping) res.setHeader('Connection', 'close');
  app(req, res);
};
// Requests Node would answer itself with an empty body reach the app or answerClientError instead, so that every
// answer has the API's error shape: no Host header (the app checks it), an Expect other than 100-continue (which
// a server may ignore: RFC 9110 §10.1.1), and bytes that are not HTTP.
const server = createServer({ requireHostHeader: false }, handle)
  .on('checkExpectation', handle)
  .on('clientError', answerClientError)
  .listen(config.PORT);
await once(server, 'listening');
const port = (server.address() as { port: number }).port;
logger.info({ port, address, namespace }, 'api listening');
// Lets a parent process (npm start, tests) learn the port when PORT=0.
process.send?.({ type: 'listening', port });

// Graceful shutdown: stop accepting, let in-flight requests finish, then close the Temporal connection.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'api stopping');
    server.close(() => {
      void clientConnection.close().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  });
}
