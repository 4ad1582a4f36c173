import { z } from 'zod';
import { TASK_STATUSES } from '../shared/task-status.js';
import { taskSchema, taskTypeSchema } from '../shared/task-definition.js';
// And the DAG's, in src/shared/dag-definition.ts.
export {
  MAX_DAG_TASKS,
  dagIdSchema,
  dagSchema,
  dagTasksSchema,
  submitDagSchema,
} from '../shared/dag-definition.js';

// The task's own schemas (submission, answer, id and type) are defined once in src/shared/task-definition.ts.
export {
  MAX_DEPENDENCIES,
  MAX_DURATION_MS,
  type SubmitTaskBody,
  submitTaskSchema,
  taskIdSchema,
  taskDetailSchema,
  taskSchema,
  taskTypeSchema,
} from '../shared/task-definition.js';

export const MAX_PAGE_SIZE = 1_000;
export const DEFAULT_PAGE_SIZE = 100;

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

/** Query string of `GET /api/tasks/:id/dependents`: paged like the list, without its filters. */
export const dependentsQuerySchema = listTasksQuerySchema.pick({ limit: true, cursor: true });

/** Query string of `POST /api/tasks/:id/cancel`. */
export const cancelQuerySchema = z.strictObject({
  cascade: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: cancel the dependents too, and theirs; else they fail with DEPENDENCY_CANCELLED'),
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
