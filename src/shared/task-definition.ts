// The task, defined once. Every other description of it is derived from these schemas: the request schemas of
// the API, the OpenAPI document, the `TaskSpec` stored in the memo, the `Task` every endpoint answers (and the
// order of its fields), the fields a resubmission is compared on, and the test arbitraries. Adding a submitted
// field means adding it to `submittedFields` (plus whatever it does).
//
// Workflow code may import this file's types only: zod must not be bundled into the workflow sandbox.
import { z } from 'zod';
import { TASK_STATUSES } from './task-status.js';

export const MAX_DEPENDENCIES = 1_000;
export const MAX_DURATION_MS = 86_400_000;

export const taskIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1-128 characters of A-Z a-z 0-9 . _ : -')
  // `.` and `..` are path segments that clients resolve away: /api/tasks/.. would never reach the task. A pattern
  // rather than a refinement, so that the OpenAPI document carries the rule too.
  .regex(/^(?!\.+$)/, 'must not consist of dots only');

export const taskTypeSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 characters of A-Z a-z 0-9 . _ -');

/**
 * What a client submits, in the order every answer lists it. Fields with a default may be left out. A task's
 * submitted fields never change: a resubmission that differs in any of them (dependencies compare as sets) is a
 * conflict, one that matches is an idempotent retry.
 */
export const submittedFields = {
  id: taskIdSchema,
  type: taskTypeSchema,
  duration_ms: z.number().int().min(0).max(MAX_DURATION_MS).describe('how long the simulated work runs'),
  dependencies: z
    .array(taskIdSchema)
    .max(MAX_DEPENDENCIES)
    .refine((ids) => new Set(ids).size === ids.length, 'must not contain duplicates')
    .meta({ uniqueItems: true }) // the refinement, as the OpenAPI document states it
    .default([])
    .describe('ids of tasks submitted earlier that must complete first'),
  max_attempts: z.number().int().min(1).max(100).default(3).describe('attempts before the task fails'),
  fail_attempts: z.number().int().min(0).default(0).describe('attempts that fail on purpose (simulation)'),
  priority: z
    .number()
    .int()
    .min(1)
    .max(5)
    .optional()
    .describe("1 (first) to 5 (last) among queued work; unset: Temporal's default, 3"),
  not_before: z.iso
    .datetime({ offset: true })
    .optional()
    .describe(
      'ISO 8601 date and time, Z or an offset: the task stays WAITING until then, on a durable timer',
    ),
} as const;

/** Names of the submitted fields, in their order. */
export type SubmittedField = keyof typeof submittedFields;
export const SUBMITTED_FIELDS = Object.keys(submittedFields) as SubmittedField[];

/** Body of `POST /api/tasks`. Unknown fields are rejected so that a typo never silently falls back to a default. */
export const submitTaskSchema = z.strictObject(submittedFields);
export type SubmitTaskBody = z.infer<typeof submitTaskSchema>;

const timestamp = z.iso.datetime().describe('ISO 8601 UTC');

/** What the scheduler records about a task besides what was submitted, in the order answers list it. */
export const recordedFields = {
  status: z.enum(TASK_STATUSES),
  attempts: z.number().int().describe('attempts started so far'),
  created_at: timestamp.describe('when the API accepted the task'),
  started_at: timestamp.nullable().describe('start of the first attempt'),
  completed_at: timestamp.nullable().describe('when the task reached COMPLETED, FAILED or CANCELLED'),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
} as const;

/** A task as every endpoint returns it: the submitted fields (defaults applied), then the recorded ones. */
export const taskSchema = z.object({ ...submittedFields, ...recordedFields });
export type Task = z.output<typeof taskSchema>;

/** What the workflow keeps of a submission (memo `task`): the submitted fields and when the API accepted it. */
export type TaskSpec = SubmitTaskBody & Pick<Task, 'created_at'>;

/**
 * The dependencies a task still waits on, with their status now (`GET /api/tasks/:id`): empty unless the task is
 * WAITING, and empty too while the last dependency's completion is on its way to the task.
 */
export const waitingOnSchema = z
  .array(z.object({ id: taskIdSchema, status: z.enum(TASK_STATUSES) }))
  .describe('dependencies not completed yet, with their status (WAITING tasks only)');

/** One task as `GET /api/tasks/:id` returns it: the task, and why it is still waiting. */
export const taskDetailSchema = z.object({ ...taskSchema.shape, waiting_on: waitingOnSchema });
export type TaskDetail = z.output<typeof taskDetailSchema>;
