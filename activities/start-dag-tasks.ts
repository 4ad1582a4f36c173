import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import pLimit from 'p-limit';
import { type DagTasksOutcome, type StartDagTasksInput, dagTaskInputs } from '../src/shared/dag-inputs.js';
import { differingFields } from '../src/shared/differing-fields.js';
import { startTaskWorkflow } from '../src/shared/start-task-workflow.js';
import type { SubmitTaskBody, TaskSpec } from '../src/shared/task-definition.js';
import type { TaskTypeLimits } from '../src/shared/task-type-queues.js';
import { SearchAttributes } from '../src/shared/task-search-attributes.js';
import { MEMO_SPEC, WORKFLOW_TYPE, taskWorkflowId } from '../src/shared/workflow-ids.js';

/** Workflow starts in flight at once: enough to hide RPC latency, few enough not to flood the frontend. */
const START_CONCURRENCY = 32;

/**
 * Starts the task workflows of one batch of a DAG, none of which depends on another (workflows/start-batches.ts),
 * with the same start as `POST /api/tasks` (src/shared/start-task-workflow.ts) plus the DAG's search attribute. No
 * task is described before its start: the API looked up the DAG's outside dependencies once, and a dependency
 * inside it was started in an earlier batch.
 *
 * Idempotent, so a retry (or a replay after a crash) may run it again: a task whose workflow exists is described
 * instead. It is this DAG's (started by an earlier try), an identical task of another submission (`existing`), or a
 * task with other fields created since the API checked (`conflicts`).
 */
export function createStartDagTasks(client: Client, typeLimits: TaskTypeLimits) {
  const limit = pLimit(START_CONCURRENCY);

  async function existingTask(id: string): Promise<{ dag?: string; spec?: TaskSpec }> {
    const description = await client.workflow.getHandle(taskWorkflowId(id)).describe();
    if (description.type !== WORKFLOW_TYPE) return {};
    return {
      dag: description.typedSearchAttributes.get(SearchAttributes.dag),
      spec: description.memo?.[MEMO_SPEC] as TaskSpec | undefined,
    };
  }

  return async function startDagTasks(input: StartDagTasksInput): Promise<DagTasksOutcome> {
    const { taskQueue } = Context.current().info; // the submission's own: its tasks run where it runs
    const toWorkflowInput = dagTaskInputs(input);
    const outcome: DagTasksOutcome = { existing: [], conflicts: [] };
    const start = async (spec: SubmitTaskBody) => {
      const workflowInput = toWorkflowInput(spec);
      const options = { taskQueue, input: workflowInput, dagId: input.dag_id, typeLimits };
      if (await startTaskWorkflow(client, options)) return;
      const found = await existingTask(spec.id);
      if (found.dag === input.dag_id) return;
      const same = found.spec !== undefined && differingFields(found.spec, spec).length === 0;
      (same ? outcome.existing : outcome.conflicts).push(spec.id);
    };
    await Promise.all(input.tasks.map((spec) => limit(() => start(spec))));
    return outcome;
  };
}
