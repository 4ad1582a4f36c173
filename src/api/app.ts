import { randomUUID } from 'node:crypto';
import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logging/logger.js';
import type { TaskService } from '../tasks/task-service.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { openApiDocument } from './openapi.js';
import { requireHost } from './require-host.js';
import { requireToken } from './require-token.js';
import { tasksRouter } from './tasks-router.js';

export interface AppDependencies {
  tasks: TaskService;
  logger: Logger;
  /** Answers whether Temporal is reachable, for the readiness probe. */
  isTemporalReachable: () => Promise<boolean>;
  /** When set, every endpoint but /health requires `Authorization: Bearer <apiToken>`. */
  apiToken?: string;
  /** Origins allowed to call the API from a browser; none by default (CORS closed). */
  corsOrigins?: string[];
}

/** A client-supplied request id is kept when it is short and printable, so logs can be joined across services. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the HTTP app without doing any I/O; `src/main/api.ts` runs it. */
export function createApp({
  tasks,
  logger,
  isTemporalReachable,
  apiToken,
  corsOrigins = [],
}: AppDependencies): Express {
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
  app.use(requireHost);
  if (corsOrigins.length > 0) app.use(cors({ origin: corsOrigins }));

  app
    .route('/health')
    .get(async (_req, res) => {
      const reachable = await isTemporalReachable();
      res.status(reachable ? 200 : 503).json({ status: reachable ? 'ok' : 'temporal_unreachable' });
    })
    .all(methodNotAllowed(['GET']));
  const openApi = openApiDocument();
  app
    .route('/openapi.json')
    .get((_req, res) => void res.json(openApi))
    .all(methodNotAllowed(['GET']));
  if (apiToken) app.use(requireToken(apiToken));
  app.use(express.json({ limit: '1mb', type: 'application/json' }));
  app.use('/api', tasksRouter(tasks));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
