import { expect, it } from 'vitest';
import { openApiDocument } from '../../src/api/openapi.js';

interface Schema {
  type?: string;
  required?: string[];
  additionalProperties?: boolean;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
}
interface Operation {
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { headers?: Record<string, unknown> }>;
}

it('describes the DAG endpoints, with the task body of POST /api/tasks inside the DAG body', () => {
  const paths = openApiDocument().paths as Record<string, Record<string, Operation>>;
  const submit = paths['/api/dags']!.post!;
  const body = submit.requestBody!.content['application/json']!.schema;
  const single = paths['/api/tasks']!.post!.requestBody!.content['application/json']!.schema;
  expect(body.required).toEqual(['tasks']);
  expect(body.additionalProperties).toBe(false);
  expect(body.properties?.tasks).toMatchObject({ type: 'array', minItems: 1, maxItems: 10_000 });
  // Derived from the one task definition, not restated.
  expect(body.properties?.tasks?.items).toEqual(single);
  expect(Object.keys(submit.responses).sort()).toEqual(
    ['200', '201', '202', '400', '401', '409', '413', '415', '422', '429', '503'].sort(),
  );
  expect(submit.responses['202']!.headers).toHaveProperty('Location');
  expect(Object.keys(paths['/api/dags/{dag_id}']!.get!.responses).sort()).toEqual([
    '200',
    '401',
    '404',
    '503',
  ]);
});
