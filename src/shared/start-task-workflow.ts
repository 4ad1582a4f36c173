import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { SearchAttributes } from './task-search-attributes.js';
import { type TaskTypeLimits, workTaskQueue } from './task-type-queues.js';
import { MEMO_SPEC, WORKFLOW_TYPE, taskWorkflowId } from './workflow-ids.js';
import { type TaskWorkflowInput, initialStatus } from './workflow-inputs.js';

export interface StartTaskWorkflowOptions {
  taskQueue: string;
  input: TaskWorkflowInput;
  /** The DAG submission creating the task: its TaskDag search attribute. Unset for a task submitted alone. */
  dagId?: string;
  /** TASK_TYPE_LIMITS: where the task's work runs. @defaultValue every type on `taskQueue` */
  typeLimits?: TaskTypeLimits;
}

/**
 * Starts a task's workflow, the one way every task is created: by the API for `POST /api/tasks`, and by the DAG
 * submission's activity for `POST /api/dags`. Resolves false, creating nothing, when a workflow with the task's id
 * exists or existed (while retained): the caller compares it with what it wanted.
 */
export async function startTaskWorkflow(
  client: Client,
  { taskQueue, input, dagId, typeLimits = {} }: StartTaskWorkflowOptions,
): Promise<boolean> {
  const { spec } = input;
  const work_task_queue = workTaskQueue(taskQueue, spec.type, typeLimits);
  try {
    await client.workflow.start(WORKFLOW_TYPE, {
      workflowId: taskWorkflowId(spec.id),
      taskQueue,
      args: [work_task_queue === undefined ? input : { ...input, work_task_queue }],
      // Atomic: of concurrent starts of one id exactly one creates a workflow, even after it closed.
      workflowIdConflictPolicy: 'FAIL',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      memo: { [MEMO_SPEC]: spec },
      typedSearchAttributes: [
        { key: SearchAttributes.status, value: initialStatus(input) },
        { key: SearchAttributes.type, value: spec.type },
        ...(dagId === undefined ? [] : [{ key: SearchAttributes.dag, value: dagId }]),
      ],
      staticSummary: `${spec.type} task ${spec.id}`,
    });
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}
