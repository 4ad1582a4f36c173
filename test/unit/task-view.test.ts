import type { WorkflowExecutionStatusName } from '@temporalio/client';
import { type SearchAttributePair, TypedSearchAttributes } from '@temporalio/common';
import proto from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import { toTask } from '../../src/tasks/task-view.js';
import { type TaskExecution, statusOf } from '../../src/shared/task-execution.js';
import { MEMO_ERROR, MEMO_SPEC } from '../../src/shared/workflow-ids.js';
import { SearchAttributes } from '../../src/shared/task-search-attributes.js';
import type { TaskStatus } from '../../src/shared/task-status.js';
import { COMPLETED, STARTED, spec, specFields } from '../helpers/task-spec-fixture.js';

const CLOSED = new Date('2024-05-01T10:00:09.000Z');

const StatusCode = proto.temporal.api.enums.v1.WorkflowExecutionStatus;
const STATUS_CODES = {
  RUNNING: StatusCode.WORKFLOW_EXECUTION_STATUS_RUNNING,
  COMPLETED: StatusCode.WORKFLOW_EXECUTION_STATUS_COMPLETED,
  FAILED: StatusCode.WORKFLOW_EXECUTION_STATUS_FAILED,
  CANCELLED: StatusCode.WORKFLOW_EXECUTION_STATUS_CANCELED,
  TERMINATED: StatusCode.WORKFLOW_EXECUTION_STATUS_TERMINATED,
  TIMED_OUT: StatusCode.WORKFLOW_EXECUTION_STATUS_TIMED_OUT,
} as const;

interface ExecutionParts {
  /** The workflow execution's own status. */
  workflow?: keyof typeof STATUS_CODES;
  /** The TaskStatus search attribute, if the workflow recorded one. */
  recorded?: TaskStatus;
  attempts?: number;
  startedAt?: Date;
  completedAt?: Date;
  error?: { code: string; message: string };
  closeTime?: Date;
}

/** A workflow execution as describe or a visibility listing returns it. */
function execution(parts: ExecutionParts): TaskExecution {
  const attributes: SearchAttributePair[] = [{ key: SearchAttributes.type, value: spec.type }];
  if (parts.recorded) attributes.push({ key: SearchAttributes.status, value: parts.recorded });
  if (parts.attempts !== undefined)
    attributes.push({ key: SearchAttributes.attempts, value: parts.attempts });
  if (parts.startedAt) attributes.push({ key: SearchAttributes.startedAt, value: parts.startedAt });
  if (parts.completedAt) attributes.push({ key: SearchAttributes.completedAt, value: parts.completedAt });
  const name: WorkflowExecutionStatusName = parts.workflow ?? 'RUNNING';
  return {
    status: { name, code: STATUS_CODES[parts.workflow ?? 'RUNNING'] },
    memo: { [MEMO_SPEC]: spec, ...(parts.error ? { [MEMO_ERROR]: parts.error } : {}) },
    typedSearchAttributes: new TypedSearchAttributes(attributes),
    closeTime: parts.closeTime,
  };
}

describe('toTask', () => {
  it('maps a task that has not recorded a status yet to WAITING with no attempts', () => {
    const task = toTask(execution({}));
    expect(task).toEqual({
      ...specFields,
      status: 'WAITING',
      attempts: 0,
      started_at: null,
      completed_at: null,
      error: null,
    });
  });

  it('maps a RUNNING task with its attempt and start time', () => {
    const task = toTask(execution({ recorded: 'RUNNING', attempts: 2, startedAt: STARTED }));
    expect(task).toEqual({
      ...specFields,
      status: 'RUNNING',
      attempts: 2,
      started_at: STARTED.toISOString(),
      completed_at: null,
      error: null,
    });
  });

  it('maps a COMPLETED task with both timestamps and no error', () => {
    const task = toTask(
      execution({
        workflow: 'COMPLETED',
        recorded: 'COMPLETED',
        attempts: 1,
        startedAt: STARTED,
        completedAt: COMPLETED,
        closeTime: CLOSED,
      }),
    );
    expect(task).toMatchObject({
      status: 'COMPLETED',
      attempts: 1,
      started_at: STARTED.toISOString(),
      completed_at: COMPLETED.toISOString(),
      error: null,
    });
  });

  it('reports the error of a FAILED task', () => {
    const error = { code: 'ATTEMPTS_EXHAUSTED', message: 'all 4 attempts failed' };
    const task = toTask(
      execution({ workflow: 'FAILED', recorded: 'FAILED', attempts: 4, completedAt: COMPLETED, error }),
    );
    expect(task).toMatchObject({
      status: 'FAILED',
      attempts: 4,
      completed_at: COMPLETED.toISOString(),
      error,
    });
  });

  it('hides the last attempt error while a retry is pending (QUEUED again)', () => {
    const error = { code: 'ATTEMPT_FAILED', message: 'simulated failure of attempt 1' };
    const task = toTask(execution({ recorded: 'QUEUED', attempts: 1, startedAt: STARTED, error }));
    expect(task.status).toBe('QUEUED');
    expect(task.error).toBeNull();
  });

  it.each(['TERMINATED', 'CANCELLED', 'TIMED_OUT'] as const)(
    'maps a task %s from outside while RUNNING to FAILED with error TERMINATED at its close time',
    (workflow) => {
      const exec = execution({
        workflow,
        recorded: 'RUNNING',
        attempts: 1,
        startedAt: STARTED,
        closeTime: CLOSED,
      });
      expect(statusOf(exec)).toBe('FAILED');
      const task = toTask(exec);
      expect(task).toMatchObject({
        status: 'FAILED',
        attempts: 1,
        started_at: STARTED.toISOString(),
        completed_at: CLOSED.toISOString(),
        error: { code: 'TERMINATED' },
      });
      expect(task.error?.message).toContain(workflow.toLowerCase());
    },
  );

  it('maps a task terminated before it recorded any status to FAILED/TERMINATED', () => {
    const task = toTask(execution({ workflow: 'TERMINATED', closeTime: CLOSED }));
    expect(task).toMatchObject({
      status: 'FAILED',
      attempts: 0,
      started_at: null,
      completed_at: CLOSED.toISOString(),
      error: { code: 'TERMINATED' },
    });
  });

  it('keeps the recorded final state of a task terminated after it settled', () => {
    const completed = toTask(
      execution({ workflow: 'TERMINATED', recorded: 'COMPLETED', completedAt: COMPLETED, closeTime: CLOSED }),
    );
    expect(completed).toMatchObject({
      status: 'COMPLETED',
      completed_at: COMPLETED.toISOString(),
      error: null,
    });

    const error = { code: 'DEPENDENCY_FAILED', message: 'dependency "extract-1" failed' };
    const failed = toTask(
      execution({
        workflow: 'TERMINATED',
        recorded: 'FAILED',
        completedAt: COMPLETED,
        closeTime: CLOSED,
        error,
      }),
    );
    expect(failed).toMatchObject({ status: 'FAILED', completed_at: COMPLETED.toISOString(), error });
  });
});

describe('statusOf', () => {
  it.each(['WAITING', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'] as const)(
    'returns the recorded %s of an open workflow',
    (recorded) => {
      expect(statusOf(execution({ recorded }))).toBe(recorded);
    },
  );

  it('returns WAITING when nothing is recorded', () => {
    expect(statusOf(execution({}))).toBe('WAITING');
  });
});
