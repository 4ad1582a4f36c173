// Starts a task's workflow directly with the client, as the API would, but with workflow input the API never
// sends (a lowered history limit, a relayed dependency it did not decide on): for tests of workflow paths that
// only scale or timing would otherwise reach.
import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { MEMO_SPEC, WORKFLOW_TYPE, taskWorkflowId } from '../../src/shared/workflow-ids.js';
import { SearchAttributes } from '../../src/shared/task-search-attributes.js';
import { type TaskSpec, submitTaskSchema } from '../../src/shared/task-definition.js';
import type { TaskWorkflowInput } from '../../src/shared/workflow-inputs.js';
import type { Scheduler } from './scheduler.js';

/** Starts a WAITING 0-ms task of type `type` on `dependencies`, with `input` merged into its workflow input. */
export function startTaskWorkflow(
  s: Scheduler,
  task: { id: string; type?: string; dependencies: string[] },
  input: Partial<Omit<TaskWorkflowInput, 'spec'>> = {},
): Promise<WorkflowHandleWithFirstExecutionRunId> {
  // Defaults from the task definition, as the API would apply them.
  const spec: TaskSpec = {
    ...submitTaskSchema.parse({ type: 'COMPUTE', duration_ms: 0, ...task }),
    created_at: new Date().toISOString(),
  };
  const workflowInput: TaskWorkflowInput = { spec, completed_dependencies: [], ...input };
  return s.client.workflow.start(WORKFLOW_TYPE, {
    workflowId: taskWorkflowId(spec.id),
    taskQueue: s.taskQueue,
    args: [workflowInput],
    memo: { [MEMO_SPEC]: spec },
    typedSearchAttributes: [
      { key: SearchAttributes.status, value: 'WAITING' },
      { key: SearchAttributes.type, value: spec.type },
    ],
  });
}
