import { SearchAttributes } from '../shared/task-search-attributes.js';
import type { TaskStatus } from '../shared/task-status.js';
import { WORKFLOW_TYPE } from '../shared/workflow-ids.js';

/**
 * Visibility query for task workflows; values are schema-validated enums and charsets (the task queue's by the
 * config schema), safe inside quotes.
 */
export function visibilityQuery(filter: { status?: TaskStatus; type?: string; taskQueue?: string }): string {
  const clauses = [`WorkflowType = '${WORKFLOW_TYPE}'`];
  if (filter.taskQueue) clauses.push(`TaskQueue = '${filter.taskQueue}'`);
  if (filter.status) clauses.push(`${SearchAttributes.status.name} = '${filter.status}'`);
  if (filter.type) clauses.push(`${SearchAttributes.type.name} = '${filter.type}'`);
  return clauses.join(' AND ');
}
