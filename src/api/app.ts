import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logging/logger.js';
import type { TaskService } from '../tasks/task-service.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { tasksRouter } from './tasks-router.js';

export interface AppDependencies {
  tasks: TaskService;
  logger: Logger;
  /** Answers whether Temporal is reachable, for the readiness probe. */
  isTemporalReachable: () => Promise<boolean>;
}

/** A client-supplied request id is kept when it is short and printable, so logs can be joined across services. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the HTTP app without doing any I/O; `src/main/api.ts` runs it. */
export function createApp({ tasks, logger, isTemporalReachable }: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(helmet());
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Never log credentials.
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    }),
  );
  app.use(express.json({ limit: '1mb', type: 'application/json' }));

  app.get('/health', async (_req, res) => {
    const reachable = await isTemporalReachable();
    res.status(reachable ? 200 : 503).json({ status: reachable ? 'ok' : 'temporal_unreachable' });
  });
  app.use('/api', tasksRouter(tasks));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
