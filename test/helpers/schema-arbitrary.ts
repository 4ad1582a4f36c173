// fast-check arbitraries derived from the task definition (src/shared/task-definition.ts) through the JSON
// Schema zod generates for it, the same document the OpenAPI description carries: a field added to the
// definition is generated, removed and mutated by the property tests without touching them.
import fc from 'fast-check';
import { z } from 'zod';
import { type SubmittedField, submitTaskSchema } from '../../src/shared/task-definition.js';

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  pattern?: string;
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

/** Elements generated for an array field at most: big lists are the business of dedicated arbitraries. */
const MAX_GENERATED_ITEMS = 4;

/** Values that satisfy `schema`, for the JSON Schema features the task definition uses. */
export function arbitraryOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'integer':
      return fc.integer({
        min: schema.minimum ?? Number.MIN_SAFE_INTEGER,
        max: schema.maximum ?? Number.MAX_SAFE_INTEGER,
      });
    case 'boolean':
      return fc.boolean();
    case 'string':
      return patternString(schema);
    case 'array': {
      const items = arbitraryOf(schema.items ?? {});
      const maxLength = Math.min(schema.maxItems ?? MAX_GENERATED_ITEMS, MAX_GENERATED_ITEMS);
      return schema.uniqueItems ? fc.uniqueArray(items, { maxLength }) : fc.array(items, { maxLength });
    }
    default:
      throw new Error(`no arbitrary for JSON Schema ${JSON.stringify(schema)}: extend schema-arbitrary.ts`);
  }
}

/** Strings matching every pattern of the schema: generated from the first, filtered by the others. */
function patternString(schema: JsonSchema): fc.Arbitrary<string> {
  const patterns = [schema.pattern, ...(schema.allOf ?? []).map((s) => s.pattern)]
    .filter((p): p is string => p !== undefined)
    .map((p) => new RegExp(p));
  const [first, ...rest] = patterns;
  if (!first) return fc.string();
  return fc.stringMatching(first).filter((value) => rest.every((p) => p.test(value)));
}

const submissionJsonSchema = z.toJSONSchema(submitTaskSchema, { io: 'input' }) as JsonSchema;

/** The JSON Schema of one submitted field, as a client may send it. */
export function submittedFieldSchema(field: SubmittedField): JsonSchema {
  const schema = submissionJsonSchema.properties?.[field];
  if (!schema) throw new Error(`the submission schema has no field ${field}`);
  return schema;
}

/** The submitted fields a body must carry (those without a default). */
export const REQUIRED_SUBMITTED_FIELDS = (submissionJsonSchema.required ?? []) as SubmittedField[];
