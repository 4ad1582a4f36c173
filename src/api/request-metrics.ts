import type { Request, RequestHandler, Response } from 'express';
import { type ApiMetrics, SubmissionOutcome } from '../metrics/api-metrics.js';

/** The route label of requests no route answered (404, or refused before routing: 401, a missing Host). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Remembers where the router that answers is mounted (e.g. `/api`). Express resets `req.baseUrl` when an error
 * leaves a router, so by the time an error answer finishes, only this still knows the full route.
 */
export const rememberMountPath: RequestHandler = (req, res, next) => {
  res.locals.mountPath = req.baseUrl;
  next();
};

/** The route pattern that answered (`/api/tasks/:id`), never the path itself: a bounded label. */
function routeOf(req: Request, res: Response): string {
  const pattern: unknown = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern !== 'string') return UNMATCHED_ROUTE;
  const mount = typeof res.locals.mountPath === 'string' ? res.locals.mountPath : req.baseUrl;
  return `${mount}${pattern}`;
}

/** Observes every answered request in `dag_http_request_duration_seconds`. */
export function observeRequests(metrics: ApiMetrics): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      metrics.observeRequest({
        method: req.method,
        route: routeOf(req, res),
        status: res.statusCode,
        seconds,
      });
    });
    next();
  };
}

/**
 * Counts each answered `POST /api/tasks` in `dag_task_submissions_total`, by the status and error code the client
 * got. Mounted ahead of authentication and parsing, so that their refusals count too; the code is read from the
 * error body as it is sent, whichever handler sends it.
 */
export function countSubmissions(metrics: ApiMetrics): RequestHandler {
  return (_req, res, next) => {
    let code: string | undefined;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const error = (body as { error?: { code?: unknown } } | null)?.error;
      if (typeof error?.code === 'string') code = error.code;
      return json(body);
    };
    res.once('finish', () => {
      if (res.statusCode === 201) metrics.countSubmission(SubmissionOutcome.CREATED);
      else if (res.statusCode === 200) metrics.countSubmission(SubmissionOutcome.IDEMPOTENT);
      else if (res.statusCode === 429) metrics.countSubmission(SubmissionOutcome.OVERLOADED);
      else metrics.countSubmission(SubmissionOutcome.REJECTED, code ?? `HTTP_${res.statusCode}`);
    });
    next();
  };
}
