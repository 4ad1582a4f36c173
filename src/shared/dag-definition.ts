// A whole DAG submitted in one request (`POST /api/dags`), and what the DAG endpoints answer. The tasks inside it
// are the task definition's own schema (task-definition.ts): nothing about a task is restated here.
//
// Workflow code may import this file's types only: zod must not be bundled into the workflow sandbox.
import { z } from 'zod';
import { MAX_DEPENDENCIES, submitTaskSchema, taskIdSchema, taskSchema } from './task-definition.js';
import { TASK_STATUSES } from './task-status.js';

/** Tasks in one request at most. */
export const MAX_DAG_TASKS = 10_000;
/**
 * Distinct tasks outside the request that its tasks may depend on, at most: the API describes each of them once
 * before answering, as it does the dependencies of a single task (the same limit).
 */
export const MAX_EXTERNAL_DEPENDENCIES = MAX_DEPENDENCIES;

/** A DAG's id: the same charset as a task's (it goes into a URL path and a workflow id). */
export const dagIdSchema = taskIdSchema;

/** Every task whose id an earlier task of the list already has, as field problems at `<index>.id`. */
function reportDuplicateIds(tasks: unknown, ctx: z.RefinementCtx): void {
  if (!Array.isArray(tasks)) return;
  const firstIndex = new Map<string, number>();
  tasks.forEach((task: unknown, index) => {
    const id = (task as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return;
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, index);
    else
      ctx.addIssue({
        code: 'custom',
        path: [index, 'id'],
        message: `duplicate id: tasks.${first} has it too`,
      });
  });
}

/** Dependencies that name no task of the request: tasks submitted before, which the API must look up. */
export function externalDependencies(tasks: readonly { id: string; dependencies: readonly string[] }[]) {
  const inRequest = new Set(tasks.map((task) => task.id));
  return [...new Set(tasks.flatMap((task) => task.dependencies))].filter((id) => !inRequest.has(id));
}

const tasksSchema = z
  .array(submitTaskSchema)
  .min(1)
  .max(MAX_DAG_TASKS)
  // Checked even when other tasks have invalid fields, so one answer names every problem.
  .superRefine(reportDuplicateIds, { when: () => true })
  .superRefine((tasks, ctx) => {
    const external = externalDependencies(tasks).length;
    if (external > MAX_EXTERNAL_DEPENDENCIES) {
      ctx.addIssue({
        code: 'custom',
        message: `must depend on at most ${MAX_EXTERNAL_DEPENDENCIES} distinct tasks outside the request, not ${external}`,
      });
    }
  })
  .describe(
    'the tasks, in any order; a dependency names a task of this list or one submitted earlier; ids are unique',
  );

/**
 * Body of `POST /api/dags`: every task as `POST /api/tasks` takes it. Unknown fields are rejected, as there.
 */
export const submitDagSchema = z.strictObject({
  dag_id: dagIdSchema
    .optional()
    .describe('names the DAG (idempotency key); unset: derived from the content, so a resubmission finds it'),
  tasks: tasksSchema,
});
export type SubmitDagBody = z.infer<typeof submitDagSchema>;

/** Where a DAG's submission stands: its tasks are being created, or all of them exist. */
export const DagStatus = { SUBMITTING: 'SUBMITTING', SUBMITTED: 'SUBMITTED' } as const;
export type DagStatus = (typeof DagStatus)[keyof typeof DagStatus];

const timestamp = z.iso.datetime().describe('ISO 8601 UTC');

/** `GET /api/dags/:dag_id`, and the `202` of a submission still creating its tasks. */
export const dagSchema = z.object({
  dag_id: dagIdSchema,
  status: z.enum([DagStatus.SUBMITTING, DagStatus.SUBMITTED]),
  created_at: timestamp.describe('when the API accepted the DAG: the created_at of each of its tasks'),
  total: z.number().int().describe('tasks in the DAG'),
  by_status: z
    .object(Object.fromEntries(TASK_STATUSES.map((s) => [s, z.number().int()])))
    .describe('tasks per status, from visibility (lags writes slightly)'),
  finished: z
    .boolean()
    .describe('every task of the DAG exists and has settled (COMPLETED, FAILED or CANCELLED)'),
  conflicts: z
    .array(taskIdSchema)
    .describe('ids that another submission created at the same time with different fields (usually empty)'),
});
export type Dag = z.output<typeof dagSchema>;

/** `201` (created) and `200` (identical resubmission) of `POST /api/dags`. */
export const dagTasksSchema = z.object({
  dag_id: dagIdSchema,
  created_at: timestamp,
  tasks: z.array(taskSchema).describe('every task of the DAG, in the order of the request'),
});
export type DagTasks = z.output<typeof dagTasksSchema>;
