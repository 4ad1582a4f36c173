import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DagCycleError } from '../errors/dag-cycle-error.js';
import { DagExistsError } from '../errors/dag-exists-error.js';
import { DagNotFoundError } from '../errors/dag-not-found-error.js';
import { DagTasksExistError } from '../errors/dag-tasks-exist-error.js';
import { InvalidCursorError } from '../errors/invalid-cursor-error.js';
import { OverloadedError } from '../errors/overloaded-error.js';
import { RequestValidationError } from '../errors/request-validation-error.js';
import { SelfDependencyError } from '../errors/self-dependency-error.js';
import { TaskExistsError } from '../errors/task-exists-error.js';
import { TaskSettledError } from '../errors/task-settled-error.js';
import { TaskNotFoundError } from '../errors/task-not-found-error.js';
import { TemporalUnavailableError } from '../errors/temporal-unavailable-error.js';
import { UnknownDependencyError } from '../errors/unknown-dependency-error.js';

/** The one JSON shape of every error the API returns. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

interface HttpError {
  status: number;
  body: ErrorBody;
  /** Seconds for the Retry-After header of a 429 or 503. */
  retryAfter?: number;
}

const httpError = (status: number, code: string, message: string, details?: unknown): HttpError => ({
  status,
  body: { error: { code, message, ...(details === undefined ? {} : { details }) } },
});

/** A body limit as the API documents it: `1 MB`. */
const megabytes = (bytes: unknown) => `${typeof bytes === 'number' ? bytes / (1024 * 1024) : 1} MB`;

/** Errors raised by body-parser carry a `type`; these are the client's fault, never a 5xx. */
function fromBodyParser(err: { type?: unknown; message?: unknown; limit?: unknown }): HttpError | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return httpError(400, 'VALIDATION_ERROR', 'request body is not valid JSON');
    case 'entity.too.large':
      return httpError(413, 'PAYLOAD_TOO_LARGE', `request body is larger than ${megabytes(err.limit)}`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return httpError(415, 'UNSUPPORTED_MEDIA_TYPE', String(err.message));
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
    case 'stream.not.readable':
      return httpError(400, 'BAD_REQUEST', 'request body could not be read');
    default:
      return undefined;
  }
}

/**
 * Other errors raised by express or its parsers before a handler runs (a corrupt gzip body, a path that is not
 * valid percent-encoding) carry a 4xx `status`: they are the client's fault too. Their messages stay internal.
 */
function fromClientErrorStatus(err: { status?: unknown }): HttpError | undefined {
  const status = err.status;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  return httpError(
    400,
    'BAD_REQUEST',
    'request could not be decoded (body encoding or URL escaping is malformed)',
  );
}

/** Maps every error to an HTTP answer: the only place that knows both domain errors and status codes. */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof RequestValidationError)
    return httpError(400, 'VALIDATION_ERROR', err.message, err.problems);
  if (err instanceof InvalidCursorError) return httpError(400, 'INVALID_CURSOR', err.message);
  if (err instanceof TaskNotFoundError || err instanceof DagNotFoundError) {
    return httpError(404, 'NOT_FOUND', err.message);
  }
  if (err instanceof TaskExistsError) {
    return httpError(409, 'TASK_EXISTS', err.message, { differing_fields: err.differingFields });
  }
  if (err instanceof TaskSettledError) {
    return httpError(409, 'TASK_SETTLED', err.message, { status: err.status });
  }
  if (err instanceof UnknownDependencyError) {
    return httpError(422, 'UNKNOWN_DEPENDENCY', err.message, { missing: err.missingIds });
  }
  if (err instanceof SelfDependencyError) return httpError(422, 'SELF_DEPENDENCY', err.message);
  if (err instanceof DagCycleError) return httpError(422, 'CYCLE', err.message, { cycle: err.cycle });
  if (err instanceof DagTasksExistError) {
    return httpError(409, 'TASK_EXISTS', err.message, { conflicts: err.conflicts });
  }
  if (err instanceof DagExistsError) return httpError(409, 'DAG_EXISTS', err.message, { dag_id: err.dagId });
  if (err instanceof OverloadedError) {
    return { ...httpError(429, 'OVERLOADED', err.message), retryAfter: err.retryAfterSeconds };
  }
  if (err instanceof TemporalUnavailableError) {
    return { ...httpError(503, 'TEMPORAL_UNAVAILABLE', err.message), retryAfter: 1 };
  }
  if (typeof err === 'object' && err !== null) {
    const mapped = fromBodyParser(err) ?? fromClientErrorStatus(err);
    if (mapped) return mapped;
  }
  return httpError(500, 'INTERNAL', 'internal error');
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const { status, body, retryAfter } = toHttpError(err);
  if (status >= 500) req.log.error({ err }, 'request failed');
  if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
  res.status(status).json(body);
};

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'NOT_FOUND', message: `no route for ${req.method} ${req.path}` } });
};
