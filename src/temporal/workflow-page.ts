// The one place that reaches into SDK internals. `client.workflow.list()` hides the visibility page token, and
// cursor paging needs it, so a page is listed through the raw service call and decoded with the SDK's own
// (non-public) decoder. test/unit/sdk-internals.test.ts breaks loudly if an SDK upgrade moves either import.
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers.js';
import { loadDataConverter } from '@temporalio/common/lib/internal-non-workflow/index.js';
import type { temporal } from '@temporalio/proto';

type RawExecution = temporal.api.workflow.v1.IWorkflowExecutionInfo;

export interface WorkflowPageRequest {
  /** Visibility query (list filter). */
  query: string;
  /** At most 1,000 (the server's limit). */
  pageSize: number;
  /** Token of the page to read; the first page when unset. */
  nextPageToken?: Uint8Array;
}

export interface WorkflowPage {
  executions: WorkflowExecutionInfo[];
  /** Token of the next page; null on the last page. */
  nextPageToken: Uint8Array | null;
}

/** Decodes a raw execution as `client.workflow.list()` would (memo and search attributes included). */
export function decodeExecution(raw: RawExecution, namespace: string): Promise<WorkflowExecutionInfo> {
  return executionInfoFromRaw(raw, loadDataConverter(), raw, namespace);
}

/** Reads one page of workflow executions with its page token. */
export async function listWorkflowPage(client: Client, request: WorkflowPageRequest): Promise<WorkflowPage> {
  const { namespace } = client.options;
  const response = await client.workflowService.listWorkflowExecutions({ namespace, ...request });
  const executions = await Promise.all(response.executions.map((raw) => decodeExecution(raw, namespace)));
  const token = response.nextPageToken;
  return { executions, nextPageToken: token && token.length > 0 ? token : null };
}
