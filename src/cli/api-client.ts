// A client of the scheduler's REST API over Node's fetch: the bearer token, retries where docs/api.md tells clients
// to retry, and every answer checked against its schema. Errors come out as ApiError (the API said no) or
// ApiUnreachableError (no answer at all).
import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import {
  type Dag,
  type DagTasks,
  type SubmitDagBody,
  dagSchema,
  dagTasksSchema,
} from '../shared/dag-definition.js';
import { type Task, type TaskDetail, taskDetailSchema, taskSchema } from '../shared/task-definition.js';
import type { TaskStatus } from '../shared/task-status.js';
import { type Stats, type TaskPage, errorBodySchema, statsSchema, taskPageSchema } from './api-answers.js';
import { ApiError } from './api-error.js';
import { ApiUnreachableError } from './api-unreachable-error.js';

/**
 * How long one request may take, in milliseconds. `POST /api/dags` answers within about 5 s (a `202` past that), and
 * every other endpoint faster, so 30 s means the API is stuck, not busy.
 */
const REQUEST_TIMEOUT_MS = 30_000;
/** Attempts of a request answered `429` or `503`, which docs/api.md says to retry after `Retry-After`. */
const MAX_ATTEMPTS = 5;
/** Longest `Retry-After` honoured, in seconds: the API sends 1–10. */
const MAX_RETRY_AFTER_S = 10;

export interface ApiClientOptions {
  /** Base URL of the API, e.g. `http://localhost:3000` (a path prefix is kept). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string | undefined;
}

export interface ListTasksQuery {
  status?: TaskStatus | undefined;
  type?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/**
 * What `POST /api/dags` answered: every task (`201` created, `200` submitted before), or `202` still creating; and
 * the absolute URL of the DAG's progress, from its `Location`.
 */
export type DagSubmission =
  | { outcome: 'created' | 'existing'; location: string; dag: DagTasks }
  | { outcome: 'pending'; location: string; dag: Dag };

/** What `POST /api/tasks/:id/cancel` answered: `200` cancelled, or `202` RUNNING work being stopped. */
export interface Cancellation {
  outcome: 'cancelled' | 'stopping';
  task: Task;
}

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal | undefined;
}

export class ApiClient {
  readonly baseUrl: string;
  private readonly token: string | undefined;

  constructor({ baseUrl, token }: ApiClientOptions) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.token = token;
  }

  async submitDag(body: SubmitDagBody): Promise<DagSubmission> {
    const answer = await this.request('POST', '/api/dags', { body });
    // Resolved against the request's URL, as HTTP says: behind a proxy that rewrites it, it still leads to the DAG.
    const header = answer.headers.get('location');
    const location = (dagId: string) =>
      header
        ? new URL(header, `${this.baseUrl}/api/dags`).href
        : `${this.baseUrl}/api/dags/${encodeURIComponent(dagId)}`;
    if (answer.status === 202) {
      const dag = parse(dagSchema, answer, 'a DAG');
      return { outcome: 'pending', location: location(dag.dag_id), dag };
    }
    const dag = parse(dagTasksSchema, answer, "a DAG's tasks");
    return { outcome: answer.status === 201 ? 'created' : 'existing', location: location(dag.dag_id), dag };
  }

  /** A DAG's progress, at the `Location` (an absolute URL) its submission answered. */
  async dagAt(location: string, signal?: AbortSignal): Promise<Dag> {
    return parse(dagSchema, await this.request('GET', location, { signal }), 'a DAG');
  }

  async task(id: string): Promise<TaskDetail> {
    return parse(taskDetailSchema, await this.request('GET', taskPath(id)), 'a task');
  }

  async listTasks({ status, type, limit, cursor }: ListTasksQuery): Promise<TaskPage> {
    const answer = await this.request('GET', '/api/tasks', { query: { status, type, limit, cursor } });
    return parse(taskPageSchema, answer, 'a page of tasks');
  }

  async stats(): Promise<Stats> {
    return parse(statsSchema, await this.request('GET', '/api/stats'), 'stats');
  }

  async cancel(id: string, cascade: boolean): Promise<Cancellation> {
    const query = cascade ? { cascade: 'true' } : {};
    const answer = await this.request('POST', `${taskPath(id)}/cancel`, { query });
    return {
      outcome: answer.status === 202 ? 'stopping' : 'cancelled',
      task: parse(taskSchema, answer, 'a task'),
    };
  }

  /**
   * Sends one request to `path` on the API (or to an absolute URL), retrying `429` and `503` after `Retry-After`;
   * resolves only with a 2xx answer.
   */
  private async request(method: string, path: string, options: RequestOptions = {}): Promise<Answer> {
    for (let attempt = 1; ; attempt++) {
      const answer = await this.send(method, path, options);
      if (answer.status < 300) return answer;
      const retryAfter = Number(answer.headers.get('retry-after'));
      if ((answer.status === 429 || answer.status === 503) && attempt < MAX_ATTEMPTS) {
        const seconds =
          Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, MAX_RETRY_AFTER_S) : 1;
        // Jitter, as docs/api.md asks, so that clients refused together do not come back together.
        await sleep(seconds * 1000 + Math.random() * 500, undefined, { signal: options.signal });
        continue;
      }
      throw errorOf(answer);
    }
  }

  private async send(method: string, path: string, { body, query, signal }: RequestOptions): Promise<Answer> {
    const url = `${/^https?:\/\//.test(path) ? path : `${this.baseUrl}${path}`}${queryString(query)}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      text = await response.text();
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new ApiUnreachableError(this.baseUrl, unreachableReason(err), { cause: err });
    }
    return { status: response.status, headers: response.headers, body: parseJson(text) };
  }
}

const taskPath = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;

function queryString(query: RequestOptions['query'] = {}): string {
  const pairs = Object.entries(query).flatMap(([k, v]): [string, string][] =>
    v === undefined ? [] : [[k, `${v}`]],
  );
  return pairs.length > 0 ? `?${new URLSearchParams(pairs).toString()}` : '';
}

/** The body as JSON, or the text itself when it is not JSON (a proxy's error page, say): reported by the caller. */
function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    if (err instanceof SyntaxError) return text;
    throw err;
  }
}

function parse<T extends z.ZodType>(schema: T, answer: Answer, what: string): z.output<T> {
  const parsed = schema.safeParse(answer.body);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues[0]?.path.join('.') || 'the body';
  throw new ApiError(answer.status, `HTTP_${answer.status}`, `the answer is not ${what} (${where} is wrong)`);
}

function errorOf(answer: Answer): ApiError {
  const parsed = errorBodySchema.safeParse(answer.body);
  if (parsed.success) return new ApiError(answer.status, parsed.data.error.code, parsed.data.error.message);
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  return new ApiError(answer.status, `HTTP_${answer.status}`, text.replace(/\s+/g, ' ').slice(0, 200));
}

/** The most telling line of a failed fetch: undici puts the system error (`connect ECONNREFUSED ...`) in `cause`. */
function unreachableReason(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError')
    return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  const cause = err instanceof Error ? err.cause : undefined;
  if (cause instanceof AggregateError) {
    return cause.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e))).join('; ');
  }
  if (cause instanceof Error && cause.message) return cause.message;
  return err instanceof Error ? err.message : String(err);
}
