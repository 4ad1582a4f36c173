// src/temporal/workflow-page.ts reaches into two non-public SDK modules. If an SDK upgrade moves or changes them,
// this test fails here, naming the adapter, instead of list answers breaking in production.
import { defaultPayloadConverter } from '@temporalio/common';
import proto from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import { SearchAttributes } from '../../src/shared/task-search-attributes.js';
import { decodeExecution } from '../../src/temporal/workflow-page.js';

const encoder = new TextEncoder();
/** A search attribute value as the server sends it: JSON with its indexed type in the metadata. */
const searchAttribute = (value: unknown, type: string) => ({
  metadata: { encoding: encoder.encode('json/plain'), type: encoder.encode(type) },
  data: encoder.encode(JSON.stringify(value)),
});

describe('SDK internals behind src/temporal/workflow-page.ts', () => {
  it('decodes a raw visibility execution with its memo and typed search attributes', async () => {
    const raw = proto.temporal.api.workflow.v1.WorkflowExecutionInfo.fromObject({
      execution: { workflowId: 'task-a', runId: 'run-1' },
      type: { name: 'taskWorkflow' },
      status: 'WORKFLOW_EXECUTION_STATUS_RUNNING',
      historyLength: 12,
      startTime: { seconds: 1_714_557_600 },
      memo: { fields: { task: defaultPayloadConverter.toPayload({ id: 'a', type: 'X' }) } },
      searchAttributes: {
        indexedFields: {
          TaskStatus: searchAttribute('QUEUED', 'Keyword'),
          TaskAttempts: searchAttribute(2, 'Int'),
        },
      },
    });

    const info = await decodeExecution(raw, 'default');

    expect(info.workflowId).toBe('task-a');
    expect(info.type).toBe('taskWorkflow');
    expect(info.status.name).toBe('RUNNING');
    expect(info.historyLength).toBe(12);
    expect(info.startTime).toEqual(new Date('2024-05-01T10:00:00.000Z'));
    expect(info.memo).toEqual({ task: { id: 'a', type: 'X' } });
    expect(info.typedSearchAttributes.get(SearchAttributes.status)).toBe('QUEUED');
    expect(info.typedSearchAttributes.get(SearchAttributes.attempts)).toBe(2);
  });
});
