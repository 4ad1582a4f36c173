import { z } from 'zod';
import { TASK_STATUSES } from '../../workflows/task-model.js';

export const MAX_DEPENDENCIES = 1_000;
export const MAX_DURATION_MS = 86_400_000;
export const MAX_PAGE_SIZE = 1_000;
export const DEFAULT_PAGE_SIZE = 100;

export const taskIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1-128 characters of A-Z a-z 0-9 . _ : -')
  // `.` and `..` are path segments that clients resolve away: /api/tasks/.. would never reach the task. A pattern
  // rather than a refinement, so that the OpenAPI document carries the rule too.
  .regex(/^(?!\.+$)/, 'must not consist of dots only');

export const taskTypeSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 characters of A-Z a-z 0-9 . _ -');

/** Body of `POST /api/tasks`. Unknown fields are rejected so that a typo never silently falls back to a default. */
export const submitTaskSchema = z.strictObject({
  id: taskIdSchema,
  type: taskTypeSchema,
  duration_ms: z.number().int().min(0).max(MAX_DURATION_MS),
  dependencies: z
    .array(taskIdSchema)
    .max(MAX_DEPENDENCIES)
    .refine((ids) => new Set(ids).size === ids.length, 'must not contain duplicates')
    .meta({ uniqueItems: true }) // the refinement, as the OpenAPI document states it
    .default([]),
  max_attempts: z.number().int().min(1).max(100).default(3),
  fail_attempts: z.number().int().min(0).default(0),
});
export type SubmitTaskBody = z.infer<typeof submitTaskSchema>;

/** Query string of `GET /api/tasks`. */
export const listTasksQuerySchema = z.strictObject({
  status: z.enum(TASK_STATUSES).optional(),
  type: taskTypeSchema.optional(),
  limit: z
    .string()
    // 1 to MAX_PAGE_SIZE in at most 4 digits, as a pattern so that the OpenAPI document states the range too.
    .regex(
      /^(?:0{0,3}[1-9]|0{0,2}[1-9]\d|0?[1-9]\d{2}|1000)$/,
      `must be an integer from 1 to ${MAX_PAGE_SIZE}`,
    )
    .transform(Number)
    .pipe(z.number().min(1).max(MAX_PAGE_SIZE))
    .default(DEFAULT_PAGE_SIZE),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,8192}$/, 'must be a next_cursor returned by this API')
    .optional(),
});
export type ListTasksQueryParams = z.infer<typeof listTasksQuerySchema>;

const timestamp = z.iso.datetime().describe('ISO 8601 UTC');

/** A task as every endpoint returns it (documentation only: responses are built by src/tasks/task-view.ts). */
export const taskSchema = z.object({
  id: taskIdSchema,
  type: taskTypeSchema,
  duration_ms: z.number().int(),
  dependencies: z.array(taskIdSchema),
  max_attempts: z.number().int(),
  fail_attempts: z.number().int(),
  status: z.enum(TASK_STATUSES),
  attempts: z.number().int().describe('attempts started so far'),
  created_at: timestamp,
  started_at: timestamp.nullable().describe('start of the first attempt'),
  completed_at: timestamp.nullable().describe('when the task reached COMPLETED or FAILED'),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

export const taskPageSchema = z.object({
  tasks: z.array(taskSchema),
  next_cursor: z.string().nullable().describe('pass as `cursor` for the next page; null on the last page'),
});

export const statsSchema = z.object({
  total: z.number().int(),
  by_status: z.object(Object.fromEntries(TASK_STATUSES.map((s) => [s, z.number().int()]))),
});

/** The one shape of every error answer. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe('machine-readable, e.g. VALIDATION_ERROR, UNKNOWN_DEPENDENCY'),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
