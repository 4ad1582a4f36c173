import { SearchAttributes } from '../shared/task-search-attributes.js';
import type { TaskStatus } from '../shared/task-status.js';
import { WORKFLOW_TYPE, taskWorkflowId } from '../shared/workflow-ids.js';

/**
 * Visibility query for the task workflows a DAG created: the current run of each (a task that continued as new
 * leaves closed runs behind, which would count it twice). Values are schema-validated charsets, safe in quotes.
 */
export function dagVisibilityQuery(
  dagId: string,
  filter: { status?: TaskStatus; running?: true } = {},
): string {
  const clauses = [
    `WorkflowType = '${WORKFLOW_TYPE}'`,
    `${SearchAttributes.dag.name} = '${dagId}'`,
    filter.running ? `ExecutionStatus = 'Running'` : `ExecutionStatus != 'ContinuedAsNew'`,
  ];
  if (filter.status) clauses.push(`${SearchAttributes.status.name} = '${filter.status}'`);
  return clauses.join(' AND ');
}

/** Visibility query for the current runs of the task workflows of these tasks. */
export function tasksByIdQuery(ids: readonly string[]): string {
  const workflowIds = ids.map((id) => `'${taskWorkflowId(id)}'`).join(', ');
  return `WorkflowType = '${WORKFLOW_TYPE}' AND WorkflowId IN (${workflowIds}) AND ExecutionStatus != 'ContinuedAsNew'`;
}
