import { SearchAttributes } from '../shared/task-search-attributes.js';
import type { TaskStatus } from '../shared/task-status.js';
import { WORKFLOW_TYPE } from '../shared/workflow-ids.js';

/** Visibility query for task workflows; values are schema-validated enums and charsets, safe inside quotes. */
export function visibilityQuery(filter: { status?: TaskStatus; type?: string }): string {
  const clauses = [`WorkflowType = '${WORKFLOW_TYPE}'`];
  if (filter.status) clauses.push(`${SearchAttributes.status.name} = '${filter.status}'`);
  if (filter.type) clauses.push(`${SearchAttributes.type.name} = '${filter.type}'`);
  return clauses.join(' AND ');
}
