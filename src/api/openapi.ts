import { z } from 'zod';
import { DAG_BODY_LIMIT_BYTES } from './dags-router.js';
import {
  dagIdSchema,
  cancelQuerySchema,
  dependentsQuerySchema,
  dagSchema,
  dagTasksSchema,
  errorBodySchema,
  listTasksQuerySchema,
  statsSchema,
  submitDagSchema,
  submitTaskSchema,
  taskDetailSchema,
  taskIdSchema,
  taskPageSchema,
  taskSchema,
} from './schemas.js';

type JsonSchema = Record<string, unknown>;

/** JSON Schema of what a client sends (defaults optional) or receives, straight from the zod schemas. */
const input = (schema: z.ZodType): JsonSchema => strip(z.toJSONSchema(schema, { io: 'input' }));
const output = (schema: z.ZodType): JsonSchema => strip(z.toJSONSchema(schema, { io: 'output' }));
const strip = ({ $schema: _ignored, ...schema }: JsonSchema): JsonSchema => schema;

const json = (schema: JsonSchema) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json({ $ref: '#/components/schemas/Error' }) });
const task = (description: string) => ({ description, ...json({ $ref: '#/components/schemas/Task' }) });
const header = (description: string) => ({ description, required: true, schema: { type: 'string' } });
const unavailable = {
  ...error('Temporal unavailable'),
  headers: { 'Retry-After': header('seconds to wait before retrying') },
};
const overloaded = {
  ...error(
    'admission control: the engine is saturated (QUEUED backlog or in-flight submissions over the limit)',
  ),
  headers: { 'Retry-After': header('seconds to wait before retrying (add jitter)') },
};
const dagTasks = (description: string) => ({
  description,
  ...json(output(dagTasksSchema)),
  headers: { Location: header('path of the DAG: /api/dags/{dag_id}') },
});
const located = (description: string) => ({
  ...task(description),
  headers: { Location: header('path of the task: /api/tasks/{id}') },
});
const probe = (status: string, extra: JsonSchema = {}, required: string[] = []) => ({
  type: 'object',
  properties: { status: { const: status }, ...extra },
  required: ['status', ...required],
  additionalProperties: false,
});
const notReady = {
  description: 'not ready: Temporal unreachable, or search attributes missing from the namespace',
  ...json({
    oneOf: [
      probe('temporal_unreachable'),
      probe(
        'search_attributes_missing',
        { missing: { type: 'array', items: { type: 'string' }, minItems: 1 } },
        ['missing'],
      ),
    ],
  }),
};
const readiness = (operationId: string, summary: string) => ({
  get: {
    operationId,
    summary,
    security: [{}],
    responses: { '200': { description: 'ready', ...json(probe('ok')) }, '503': notReady },
  },
});

/** Query parameters of a paged endpoint, one per property of its schema. */
function queryParameters(query: z.ZodType): JsonSchema[] {
  const schema = input(query) as { properties: Record<string, JsonSchema> };
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: false,
    schema: property,
  }));
}

/**
 * The OpenAPI 3.1 description of the API, generated from the same zod schemas that validate requests, so the
 * document cannot drift from what the API accepts. Served at GET /openapi.json.
 */
export function openApiDocument(): JsonSchema {
  const bearer = [{}, { bearer: [] }]; // authentication is optional: only when API_TOKEN is set
  return {
    openapi: '3.1.0',
    info: {
      title: 'DAG task scheduler',
      version: '1.0.0',
      description: 'Durable DAG task scheduler on Temporal: one workflow per task.',
    },
    components: {
      schemas: {
        Task: output(taskSchema),
        TaskDetail: output(taskDetailSchema),
        Error: output(errorBodySchema),
      },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    security: bearer,
    paths: {
      '/api/tasks': {
        post: {
          operationId: 'submitTask',
          summary: 'Submit a task',
          requestBody: { required: true, ...json(input(submitTaskSchema)) },
          responses: {
            '201': located('created'),
            '200': located('an identical task already existed (idempotent retry)'),
            '400': error('malformed JSON or invalid field'),
            '401': error('API_TOKEN is set and the bearer token is missing or wrong'),
            '409': error('the id exists with different fields'),
            '413': error('body over 1 MB'),
            '415': error('body is not JSON'),
            '422': error('unknown dependency or self dependency'),
            '429': overloaded,
            '503': unavailable,
          },
        },
        get: {
          operationId: 'listTasks',
          summary: 'List tasks, filtered and paginated',
          parameters: queryParameters(listTasksQuerySchema),
          responses: {
            '200': { description: 'one page', ...json(output(taskPageSchema)) },
            '400': error('invalid query parameter or cursor'),
            '401': error('unauthorized'),
            '503': unavailable,
          },
        },
      },
      '/api/tasks/{id}': {
        get: {
          operationId: 'getTask',
          summary: 'Read one task (strongly consistent)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: input(taskIdSchema) }],
          responses: {
            '200': {
              description: 'the task, with the dependencies it waits on',
              ...json({ $ref: '#/components/schemas/TaskDetail' }),
            },
            '401': error('unauthorized'),
            '404': error('no such task'),
            '503': unavailable,
          },
        },
      },
      '/api/tasks/{id}/cancel': {
        post: {
          operationId: 'cancelTask',
          summary: 'Cancel a task that has not settled (idempotent)',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: input(taskIdSchema) },
            ...queryParameters(cancelQuerySchema),
          ],
          responses: {
            '200': located('CANCELLED (now, or by an earlier request)'),
            '202': located(
              'RUNNING: its work is being interrupted and the task reads CANCELLED within about a second',
            ),
            '400': error('invalid query parameter'),
            '401': error('unauthorized'),
            '404': error('no such task'),
            '409': error('the task has already COMPLETED or FAILED (details.status)'),
            '503': unavailable,
          },
        },
      },
      '/api/tasks/{id}/dependents': {
        get: {
          operationId: 'listDependents',
          summary: 'The direct dependents known to a task (those that subscribed to it), paginated',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: input(taskIdSchema) },
            ...queryParameters(dependentsQuerySchema),
          ],
          responses: {
            '200': { description: 'one page, in id order', ...json(output(taskPageSchema)) },
            '400': error('invalid query parameter or cursor'),
            '401': error('unauthorized'),
            '404': error('no such task'),
            '503': unavailable,
          },
        },
      },
      '/api/dags': {
        post: {
          operationId: 'submitDag',
          summary: 'Submit a whole DAG: every task or none',
          requestBody: { required: true, ...json(input(submitDagSchema)) },
          responses: {
            '201': dagTasks('created: every task exists'),
            '200': dagTasks('an identical DAG submitted before (idempotent retry): its tasks now'),
            '202': {
              description: 'accepted: its tasks are still being created; follow Location',
              ...json(output(dagSchema)),
              headers: { Location: header('path of the DAG: /api/dags/{dag_id}') },
            },
            '400': error('malformed JSON, an invalid field (tasks.<index>.<field>) or a duplicate id'),
            '401': error('unauthorized'),
            '409': error('tasks exist with different fields, or the dag_id names another DAG'),
            '413': error(`body over ${DAG_BODY_LIMIT_BYTES / (1024 * 1024)} MB`),
            '415': error('body is not JSON'),
            '422': error('a cycle, or unknown dependencies'),
            '429': overloaded,
            '503': unavailable,
          },
        },
      },
      '/api/dags/{dag_id}': {
        get: {
          operationId: 'getDag',
          summary: "A DAG's tasks counted by status, and whether it has finished",
          parameters: [{ name: 'dag_id', in: 'path', required: true, schema: input(dagIdSchema) }],
          responses: {
            '200': { description: 'the DAG', ...json(output(dagSchema)) },
            '401': error('unauthorized'),
            '404': error('no such DAG'),
            '503': unavailable,
          },
        },
      },
      '/api/stats': {
        get: {
          operationId: 'getStats',
          summary: 'Count tasks by status',
          responses: {
            '200': { description: 'counts', ...json(output(statsSchema)) },
            '401': error('unauthorized'),
            '503': unavailable,
          },
        },
      },
      '/healthz': {
        get: {
          operationId: 'liveness',
          summary: 'Liveness: the API process answers (no Temporal call)',
          security: [{}],
          responses: { '200': { description: 'alive', ...json(probe('ok')) } },
        },
      },
      '/readyz': readiness(
        'readiness',
        'Readiness: Temporal reachable and the custom search attributes registered',
      ),
      '/health': readiness('health', 'The original probe, an alias of /readyz'),
      '/metrics': {
        get: {
          operationId: 'metrics',
          summary: 'Prometheus metrics of this API process (text exposition format)',
          security: [{}],
          responses: {
            '200': {
              description: 'metrics',
              content: { 'text/plain': { schema: { type: 'string' } } },
            },
          },
        },
      },
    },
  };
}
