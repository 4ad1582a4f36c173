import {
  SUBMITTED_FIELDS,
  type SubmitTaskBody,
  type Task,
  type TaskSpec,
} from '../shared/task-definition.js';
import type { TaskError } from '../shared/task-error.js';
import { TaskErrorCode } from '../shared/task-error.js';
import { type TaskExecution, statusOf, wasClosedFromOutside } from '../shared/task-execution.js';
import { SearchAttributes } from '../shared/task-search-attributes.js';
import { TaskStatus } from '../shared/task-status.js';
import { MEMO_ERROR, MEMO_SPEC } from '../shared/workflow-ids.js';

export type { Task } from '../shared/task-definition.js';

/** The submitted fields of a stored spec, in their defined order (without `created_at`, which answers list later). */
export function submittedFieldsOf(spec: TaskSpec): SubmitTaskBody {
  return Object.fromEntries(SUBMITTED_FIELDS.map((field) => [field, spec[field]])) as SubmitTaskBody;
}

export function toTask(execution: TaskExecution): Task {
  const spec = execution.memo?.[MEMO_SPEC] as TaskSpec;
  const attrs = execution.typedSearchAttributes;
  const startedAt = attrs.get(SearchAttributes.startedAt);
  let completedAt = attrs.get(SearchAttributes.completedAt);
  let error = (execution.memo?.[MEMO_ERROR] as TaskError | undefined) ?? null;
  const status = statusOf(execution);
  if (wasClosedFromOutside(execution)) {
    completedAt = execution.closeTime;
    error = {
      code: TaskErrorCode.TERMINATED,
      message: `the workflow was ${execution.status.name.toLowerCase()} outside the scheduler`,
    };
  }
  return {
    ...submittedFieldsOf(spec),
    status,
    attempts: attrs.get(SearchAttributes.attempts) ?? 0,
    created_at: spec.created_at,
    started_at: startedAt?.toISOString() ?? null,
    completed_at: completedAt?.toISOString() ?? null,
    // While a retry is pending the last attempt's error is kept in the memo: only a FAILED or CANCELLED task
    // reports one.
    error: status === TaskStatus.FAILED || status === TaskStatus.CANCELLED ? error : null,
  };
}

/** The task just created, as describe would return it now: the API answers without a further round trip. */
export function newTask(spec: TaskSpec, status: TaskStatus): Task {
  return {
    ...submittedFieldsOf(spec),
    status,
    attempts: 0,
    created_at: spec.created_at,
    started_at: null,
    completed_at: null,
    error: null,
  };
}
