// The arbitraries the property tests derive from the task definition generate only what the definition accepts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUBMITTED_FIELDS, submitTaskSchema, submittedFields } from '../../src/shared/task-definition.js';
import { validSubmission } from '../helpers/hostile-arbitraries.js';
import { REQUIRED_SUBMITTED_FIELDS, arbitraryOf, submittedFieldSchema } from '../helpers/schema-arbitrary.js';

describe('arbitraries derived from the task definition', () => {
  it.each(SUBMITTED_FIELDS)('generates only valid values of %s', (field) => {
    fc.assert(
      fc.property(arbitraryOf(submittedFieldSchema(field)), (value) => {
        expect(submittedFields[field].safeParse(value).error?.issues).toBeUndefined();
      }),
    );
  });

  it('generates only valid bodies, some without each optional field', () => {
    const missing = new Set<string>();
    fc.assert(
      fc.property(validSubmission({ prefix: 'p-', knownIds: ['k-1', 'k-2'] }), (body) => {
        expect(submitTaskSchema.safeParse(body).error?.issues).toBeUndefined();
        SUBMITTED_FIELDS.filter((f) => !(f in body)).forEach((f) => missing.add(f));
      }),
    );
    const optional = SUBMITTED_FIELDS.filter((f) => !REQUIRED_SUBMITTED_FIELDS.includes(f));
    expect([...missing].sort()).toEqual([...optional].sort());
  });

  it('requires exactly the fields without a default', () => {
    expect(REQUIRED_SUBMITTED_FIELDS).toEqual(['id', 'type', 'duration_ms']);
  });
});
