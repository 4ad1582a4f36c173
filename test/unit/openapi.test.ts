import request from 'supertest';
import { expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { createLogger } from '../../src/logging/logger.js';
import type { TaskService } from '../../src/tasks/task-service.js';

interface Doc {
  openapi: string;
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: SchemaObject }> } }>
  >;
}
interface SchemaObject {
  required?: string[];
  additionalProperties?: boolean;
  properties: Record<string, { maxItems?: number; maximum?: number; minimum?: number }>;
}

it('serves an OpenAPI 3.1 document derived from the validation schemas, without auth', async () => {
  const app = createApp({
    tasks: {} as TaskService,
    logger: createLogger('silent', 'test'),
    readiness: () => Promise.resolve({ status: 'ok' }),
    apiToken: 'a-long-enough-test-token',
  });
  const res = await request(app).get('/openapi.json');
  expect(res.status).toBe(200);
  const doc = res.body as Doc;
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths).sort()).toEqual([
    '/api/dags',
    '/api/dags/{dag_id}',
    '/api/stats',
    '/api/tasks',
    '/api/tasks/{id}',
    '/api/tasks/{id}/cancel',
    '/api/tasks/{id}/dependents',
    '/health',
    '/healthz',
    '/metrics',
    '/readyz',
  ]);

  const body = doc.paths['/api/tasks']!.post!.requestBody!.content['application/json']!.schema;
  // Limits come from the zod schema, not from a hand-written copy.
  expect(body.required?.sort()).toEqual(['duration_ms', 'id', 'type']);
  expect(body.additionalProperties).toBe(false);
  expect(body.properties.dependencies?.maxItems).toBe(1_000);
  expect(body.properties.duration_ms).toMatchObject({ minimum: 0, maximum: 86_400_000 });
});
