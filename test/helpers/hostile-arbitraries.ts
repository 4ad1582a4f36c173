// fast-check generators of hostile input. Every id that could ever be accepted starts with the caller's
// prefix (unique per run), so no generated task can collide with another test's, and a rejected body's id can
// be looked up afterwards to prove that nothing was created.
import fc from 'fast-check';
import type { z } from 'zod';
import { MAX_PAGE_SIZE } from '../../src/api/schemas.js';
import {
  MAX_DEPENDENCIES,
  MAX_DURATION_MS,
  SUBMITTED_FIELDS,
  type SubmittedField,
  type submitTaskSchema,
} from '../../src/shared/task-definition.js';
import { REQUIRED_SUBMITTED_FIELDS, arbitraryOf, submittedFieldSchema } from './schema-arbitrary.js';

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-';
const TYPE_CHARS = ID_CHARS.replace(':', '');
/** Characters an id must not contain, including look-alikes, controls and URL syntax. */
const FORBIDDEN_ID_CHARS = [
  ...'/\\?#% "\'<>{}|^`~!@$&*()+=,;[]',
  '\u0000',
  '\n',
  '\t',
  '\u00e9', // é
  '\u0430', // Cyrillic a
  '\uff10', // fullwidth 0
  '\u200b', // zero-width space
  '\ud800', // lone surrogate
  '\u{1F600}',
];

/** Whether a string can be put in a URL at all (one with a lone surrogate cannot, nor can it be a task id). */
export function encodable(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    encodeURIComponent(value);
    return true;
  } catch {
    return false;
  }
}

const fromChars = (chars: string, minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...chars), minLength, maxLength });

/** Valid ids that start with `prefix`, up to the 128-character limit. */
export const prefixedId = (prefix: string, maxSuffix = 128 - prefix.length) =>
  fromChars(ID_CHARS, 1, maxSuffix).map((suffix) => prefix + suffix);

export const taskType = () =>
  fc.oneof(fromChars(TYPE_CHARS, 1, 12), fromChars(TYPE_CHARS, 60, 64), fc.constantFrom('.', '-', '_'));

/** Ids that no submission may create: wrong characters, wrong length, dots only, not a string at all. */
export const invalidId = (prefix: string) =>
  fc.oneof(
    fc
      .tuple(prefixedId(prefix, 10), fc.constantFrom(...FORBIDDEN_ID_CHARS), fromChars(ID_CHARS, 0, 5))
      .map(([head, bad, tail]) => head + bad + tail),
    fc.constantFrom('', '.', '..', '...', `${prefix}${'x'.repeat(129 - prefix.length)}`),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).map((s) => `${prefix}${s} `),
    fc.constantFrom(null, 42, true, ['id'], { id: prefix }),
  );

export interface SubmissionArbitraryOptions {
  /** Prefix of every id that may be accepted. */
  prefix: string;
  /** Ids of tasks that exist before the properties run, usable as dependencies. */
  knownIds: readonly string[];
}

/**
 * Values a test chooses itself for a field rather than taking any valid value: ids that stay unique to the run,
 * dependencies on tasks that exist, short work and few retries so accepted tasks settle quickly.
 */
const chosenValues = ({ prefix, knownIds }: SubmissionArbitraryOptions) =>
  ({
    id: prefixedId(prefix),
    type: taskType(),
    // Mostly short: accepted tasks really run on the test's worker.
    duration_ms: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom(MAX_DURATION_MS)),
    dependencies: fc.uniqueArray(fc.constantFrom(...knownIds), { maxLength: knownIds.length }),
    max_attempts: fc.oneof(fc.constantFrom(1, 100), fc.integer({ min: 1, max: 100 })),
    fail_attempts: fc.oneof(fc.constantFrom(0, Number.MAX_SAFE_INTEGER), fc.integer({ min: 0, max: 3 })),
  }) satisfies Partial<Record<SubmittedField, fc.Arbitrary<unknown>>>;

/**
 * Bodies the API must accept: the required fields of the task definition, and any subset of the optional ones.
 * A field the test has no choice for gets any value its schema allows.
 */
export const validSubmission = (options: SubmissionArbitraryOptions) => {
  const chosen: Partial<Record<SubmittedField, fc.Arbitrary<unknown>>> = chosenValues(options);
  const fields = Object.fromEntries(
    SUBMITTED_FIELDS.map((field) => [field, chosen[field] ?? arbitraryOf(submittedFieldSchema(field))]),
  ) as Record<SubmittedField, fc.Arbitrary<unknown>>;
  return fc.record(fields, { requiredKeys: REQUIRED_SUBMITTED_FIELDS }) as fc.Arbitrary<SubmissionBody>;
};

/** A body as a client may send it (fields with a default may be missing). */
export type SubmissionBody = z.input<typeof submitTaskSchema>;

export const SUBMISSION_FIELDS = SUBMITTED_FIELDS;
type SubmissionField = SubmittedField;

/** Numbers on and around every limit of the schema, and JSON's odd ones. */
const edgeNumbers = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    -0,
    1,
    1.5,
    2,
    99,
    100,
    101,
    MAX_DURATION_MS - 1,
    MAX_DURATION_MS,
    MAX_DURATION_MS + 1,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    -Number.MAX_SAFE_INTEGER,
    1e21,
    1e308,
    5e-324,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Values of the wrong type or shape for any field. */
const wrongValue = fc.oneof(
  edgeNumbers,
  fc.constantFrom(null, true, false, '', '0', '10', 'NaN', 'Infinity', [], {}, [1], { $gt: 0 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Dependency lists that break a rule: duplicates, bad ids, unknown ids, too many, wrong element types. */
const hostileDependencies = ({ prefix, knownIds }: SubmissionArbitraryOptions) => {
  const known = fc.constantFrom(...knownIds);
  const unknown = prefixedId(`${prefix}missing-`, 8);
  return fc.oneof(
    { weight: 4, arbitrary: fc.uniqueArray(fc.oneof(known, unknown), { minLength: 1, maxLength: 6 }) },
    { weight: 4, arbitrary: known.map((id) => [id, id]) },
    { weight: 4, arbitrary: fc.array(fc.oneof(known, invalidId(prefix)), { minLength: 1, maxLength: 4 }) },
    { weight: 4, arbitrary: wrongValue },
    {
      // Rare: 1,000 unknown ids cost the API 1,000 look-ups in Temporal (1,001 are refused before any).
      weight: 1,
      arbitrary: fc.constantFrom(
        Array.from({ length: MAX_DEPENDENCIES + 1 }, (_, i) => `${prefix}many-${i}`),
        Array.from({ length: MAX_DEPENDENCIES }, (_, i) => `${prefix}many-${i}`),
        [[...knownIds]],
      ),
    },
  );
};

/** Field names that are not part of the body, some of them dangerous to naive object handling. */
const extraKey = fc
  .oneof(
    fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      'ID',
      'Id',
      ' id',
      'durationMs',
      'duration-ms',
      'status',
      'created_at',
      'attempts',
      '',
    ),
    fc.string({ unit: 'binary', maxLength: 10 }),
  )
  .filter((key) => !(SUBMISSION_FIELDS as readonly string[]).includes(key));

/** One change to a valid body; kept as data so that a counterexample prints readably. */
export type Mutation =
  | { kind: 'remove'; field: SubmissionField }
  | { kind: 'set'; field: SubmissionField; value: unknown }
  | { kind: 'add'; key: string; value: unknown }
  | { kind: 'self-dependency' };

const mutation = (options: SubmissionArbitraryOptions): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.record({ kind: fc.constant('remove' as const), field: fc.constantFrom(...SUBMISSION_FIELDS) }),
    fc.record({
      kind: fc.constant('set' as const),
      field: fc.constant('id' as const),
      value: invalidId(options.prefix),
    }),
    fc.record({
      kind: fc.constant('set' as const),
      field: fc.constant('type' as const),
      value: fc.oneof(invalidId(options.prefix), fromChars(TYPE_CHARS, 65, 70), fc.constant('a:b')),
    }),
    fc.record({
      kind: fc.constant('set' as const),
      field: fc.constantFrom('duration_ms' as const, 'max_attempts' as const, 'fail_attempts' as const),
      value: wrongValue,
    }),
    fc.record({
      kind: fc.constant('set' as const),
      field: fc.constant('dependencies' as const),
      value: hostileDependencies(options),
    }),
    fc.record({ kind: fc.constant('add' as const), key: extraKey, value: fc.jsonValue({ maxDepth: 2 }) }),
    fc.constant({ kind: 'self-dependency' as const }),
  );

export function applyMutation(body: Record<string, unknown>, m: Mutation): Record<string, unknown> {
  switch (m.kind) {
    case 'remove': {
      const rest = { ...body };
      delete rest[m.field];
      return rest;
    }
    case 'set':
      return { ...body, [m.field]: m.value };
    case 'add':
      // A computed key makes `__proto__` an own property, as JSON.parse does on the server.
      return { ...body, [m.key]: m.value };
    case 'self-dependency':
      return { ...body, dependencies: [...((body.dependencies as string[] | undefined) ?? []), body.id] };
  }
}

/** A valid body with one field removed, replaced by a hostile value, or one field added. */
export const nearValidSubmission = (options: SubmissionArbitraryOptions) =>
  fc.record({ base: validSubmission(options), mutation: mutation(options) });

/** Any JSON at all, and objects that carry a (prefixed) id among arbitrary other fields. */
export const arbitraryJsonBody = (prefix: string) =>
  fc.oneof(
    fc.jsonValue(),
    fc
      .tuple(
        prefixedId(prefix, 16),
        fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
      )
      .map(([id, rest]) => ({ ...rest, id })),
    fc.record(
      {
        id: fc.oneof(prefixedId(prefix, 16), fc.jsonValue({ maxDepth: 1 })),
        type: fc.oneof(taskType(), fc.jsonValue({ maxDepth: 1 })),
        duration_ms: fc.oneof(edgeNumbers, fc.jsonValue({ maxDepth: 1 })),
        dependencies: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: [] },
    ),
  );

/** Query-string values around the list endpoint's rules. */
export const listQueryValue = fc.oneof(
  fc.constantFrom('WAITING', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'completed', 'DONE', ''),
  fc.integer({ min: -2, max: MAX_PAGE_SIZE + 2 }).map(String),
  fc.constantFrom('1e3', '0x10', '01', '00001', ' 5', '5 ', '+5', '1.0', 'NaN', 'Infinity', '99999'),
  fromChars(TYPE_CHARS, 1, 70),
  fc.base64String({ maxLength: 40 }).map((s) => s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

/** Query-string names: the four the list accepts, and others. */
export const listQueryName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('status', 'type', 'limit', 'cursor') },
  fc.constantFrom(
    'page',
    'offset',
    'Status',
    'LIMIT',
    'status[]',
    'limit[0]',
    '__proto__',
    'constructor',
    '',
  ),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
