// The answers dagctl reads, as zod schemas built from the shared task and DAG definitions, so that a command only
// ever sees well-formed answers. The list page, stats and error shapes are restated here (src/api/schemas.ts has
// them too, but a client may not import the server); the task and the DAG are the shared ones.
import { z } from 'zod';
import { taskSchema } from '../shared/task-definition.js';
import { TASK_STATUSES, type TaskStatus } from '../shared/task-status.js';

/** Counts per status, every status present. */
export const byStatusSchema = z.record(z.enum(TASK_STATUSES), z.number().int());
export type ByStatus = Record<TaskStatus, number>;

/** `GET /api/tasks`: a page of tasks. */
export const taskPageSchema = z.object({ tasks: z.array(taskSchema), next_cursor: z.string().nullable() });
export type TaskPage = z.output<typeof taskPageSchema>;

/** `GET /api/stats`. */
export const statsSchema = z.object({ total: z.number().int(), by_status: byStatusSchema });
export type Stats = z.output<typeof statsSchema>;

/** The one shape of every error answer. */
export const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
