import { randomUUID } from 'node:crypto';
import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { parseConfig, temporalUiUrl } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import { ApiMetrics } from '../metrics/api-metrics.js';
import type { TaskService } from '../tasks/task-service.js';
import { type DagPageSettings, dagPageFiles, dagPageSettingsRoute } from './dag-page.js';
import { dagsRouter } from './dags-router.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { type Readiness, healthRoutes } from './health-routes.js';
import { metricsRoute } from './metrics-route.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { openApiDocument } from './openapi.js';
import { requireHost } from './require-host.js';
import { countSubmissions, observeRequests, rememberMountPath } from './request-metrics.js';
import { requireToken } from './require-token.js';
import { taskLogFields } from './task-log-fields.js';
import { tasksRouter } from './tasks-router.js';

export interface AppDependencies {
  tasks: TaskService;
  logger: Logger;
  /**
   * Answers `/readyz` (and `/health`): `{ status: 'ok' }` when Temporal is reachable and the search attributes are
   * registered, else the reason (src/temporal/readiness.ts).
   */
  readiness: () => Promise<Readiness>;
  /**
   * Served at `/metrics` and fed by every request.
   * @defaultValue a fresh registry over `tasks.queries.stats()`, without the process metrics
   */
  metrics?: ApiMetrics;
  /**
   * When set, every endpoint but the probes, /metrics and /openapi.json requires `Authorization: Bearer <apiToken>`.
   */
  apiToken?: string;
  /** Origins allowed to call the API from a browser; none by default (CORS closed). */
  corsOrigins?: string[];
  /**
   * Where the DAG page (`GET /`) links each task's workflow.
   * @defaultValue the embedded dev server's Web UI and the `default` namespace, as with an empty configuration
   */
  dagPage?: DagPageSettings;
}

const defaultDagPage = (): DagPageSettings => {
  const config = parseConfig({});
  return { temporalUiUrl: temporalUiUrl(config), namespace: config.TEMPORAL_NAMESPACE };
};

/** A client-supplied request id is kept when it is short and printable, so logs can be joined across services. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the HTTP app without doing any I/O; `src/main/api.ts` runs it. */
export function createApp({
  tasks,
  logger,
  readiness,
  metrics = new ApiMetrics({
    stats: () => tasks.queries.stats(),
    admittedRate: () => tasks.admission.admittedRate(),
    admissionQueued: () => tasks.admission.lastQueued(),
    processMetrics: false,
  }),
  apiToken,
  corsOrigins = [],
  dagPage = defaultDagPage(),
}: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // helmet's defaults, less `upgrade-insecure-requests`: over plain HTTP from another host (a Compose deployment at
  // http://server:3000) it sent the DAG page's own scripts to https://server:3000, where nothing listens. Browsers
  // block mixed active content on HTTPS pages without it.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
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
      // The task a request is about (read when the line is written), so a log search finds its whole life.
      customProps: (req) => taskLogFields(req as express.Request) ?? {},
    }),
  );
  app.use(observeRequests(metrics));
  app.post('/api/tasks', countSubmissions(metrics));
  app.use(requireHost);
  if (corsOrigins.length > 0) app.use(cors({ origin: corsOrigins }));

  // Open without the token: probes and scrapers hold no application credentials, and neither answer has task data;
  // nor has the DAG page's code, which asks for the token itself (its settings and all its data are behind it).
  app.use(healthRoutes(readiness));
  app.use(metricsRoute(metrics));
  const openApi = openApiDocument();
  app
    .route('/openapi.json')
    .get((_req, res) => void res.json(openApi))
    .all(methodNotAllowed(['GET']));
  app.use(dagPageFiles());
  if (apiToken) app.use(requireToken(apiToken));
  app.use(dagPageSettingsRoute(dagPage));
  app.use('/api', rememberMountPath);
  app.use('/api', dagsRouter(tasks)); // ahead of the 1 MB parser: a DAG's body has its own limit
  app.use(express.json({ limit: '1mb', type: 'application/json' }));
  app.use('/api', tasksRouter(tasks));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
