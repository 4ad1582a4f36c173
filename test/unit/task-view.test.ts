import type { WorkflowExecutionStatusName } from '@temporalio/client';
import { type SearchAttributePair, TypedSearchAttributes } from '@temporalio/common';
import proto from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import { toHttpError } from '../../src/api/error-handler.js';
import { InvalidCursorError } from '../../src/errors/invalid-cursor-error.js';
import { RequestValidationError } from '../../src/errors/request-validation-error.js';
import { SelfDependencyError } from '../../src/errors/self-dependency-error.js';
import { TaskExistsError } from '../../src/errors/task-exists-error.js';
import { TaskNotFoundError } from '../../src/errors/task-not-found-error.js';
import { TemporalUnavailableError } from '../../src/errors/temporal-unavailable-error.js';
import { UnknownDependencyError } from '../../src/errors/unknown-dependency-error.js';
import { differingFields } from '../../src/tasks/differing-fields.js';
import { toTask } from '../../src/tasks/task-view.js';
import type { Task } from '../../src/shared/task-definition.js';
import { type TaskExecution, statusOf } from '../../src/shared/task-execution.js';
import { MEMO_ERROR, MEMO_SPEC } from '../../src/shared/workflow-ids.js';
import { SearchAttributes } from '../../src/shared/task-search-attributes.js';
import type { TaskSpec } from '../../src/shared/task-definition.js';
import type { TaskStatus } from '../../src/shared/task-status.js';

const spec: TaskSpec = {
  id: 'report-42',
  type: 'REPORT',
  duration_ms: 1_500,
  dependencies: ['extract-1', 'extract-2'],
  max_attempts: 4,
  fail_attempts: 1,
  created_at: '2024-05-01T10:00:00.000Z',
};

const STARTED = new Date('2024-05-01T10:00:01.000Z');
const COMPLETED = new Date('2024-05-01T10:00:05.000Z');
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

const specFields = {
  id: spec.id,
  type: spec.type,
  duration_ms: spec.duration_ms,
  dependencies: spec.dependencies,
  max_attempts: spec.max_attempts,
  fail_attempts: spec.fail_attempts,
  created_at: spec.created_at,
};

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

describe('differingFields', () => {
  const existing: Task = {
    ...specFields,
    status: 'COMPLETED',
    attempts: 2,
    started_at: STARTED.toISOString(),
    completed_at: COMPLETED.toISOString(),
    error: null,
  };
  const resubmitted = (overrides: Partial<TaskSpec>): TaskSpec => ({
    ...spec,
    created_at: '2024-06-01T00:00:00.000Z',
    ...overrides,
  });

  it('finds no difference in an identical resubmission, whatever its created_at and the task state', () => {
    expect(differingFields(existing, resubmitted({}))).toEqual([]);
  });

  it('ignores the order of dependencies', () => {
    expect(differingFields(existing, resubmitted({ dependencies: ['extract-2', 'extract-1'] }))).toEqual([]);
  });

  it.each([
    ['type', { type: 'OTHER' }],
    ['duration_ms', { duration_ms: 1_501 }],
    ['max_attempts', { max_attempts: 3 }],
    ['fail_attempts', { fail_attempts: 0 }],
    ['dependencies', { dependencies: ['extract-1'] }],
    ['dependencies', { dependencies: ['extract-1', 'extract-2', 'extract-3'] }],
    ['dependencies', { dependencies: ['extract-1', 'extract-3'] }],
    ['dependencies', { dependencies: [] }],
  ] satisfies [string, Partial<TaskSpec>][])('reports %s when it differs (%j)', (field, overrides) => {
    expect(differingFields(existing, resubmitted(overrides))).toEqual([field]);
  });

  it('reports every differing field', () => {
    const differing = differingFields(
      existing,
      resubmitted({ type: 'OTHER', duration_ms: 0, max_attempts: 1, fail_attempts: 9, dependencies: [] }),
    );
    expect(differing.sort()).toEqual([
      'dependencies',
      'duration_ms',
      'fail_attempts',
      'max_attempts',
      'type',
    ]);
  });

  it('reports dependencies added to a task that had none', () => {
    const noDeps: Task = { ...existing, dependencies: [] };
    expect(differingFields(noDeps, resubmitted({ dependencies: ['extract-1'] }))).toEqual(['dependencies']);
    expect(differingFields(noDeps, resubmitted({ dependencies: [] }))).toEqual([]);
  });
});

describe('toHttpError', () => {
  it('maps RequestValidationError to 400 VALIDATION_ERROR with the problems as details', () => {
    const problems = [{ field: 'id', message: 'must be 1-128 characters' }];
    expect(toHttpError(new RequestValidationError(problems, 'invalid body: id: must be…'))).toEqual({
      status: 400,
      body: { error: { code: 'VALIDATION_ERROR', message: 'invalid body: id: must be…', details: problems } },
    });
  });

  it('maps InvalidCursorError to 400 INVALID_CURSOR', () => {
    const { status, body } = toHttpError(new InvalidCursorError());
    expect(status).toBe(400);
    expect(body.error.code).toBe('INVALID_CURSOR');
    expect(body.error.message).toContain('cursor');
  });

  it('maps TaskNotFoundError to 404 NOT_FOUND naming the id', () => {
    const { status, body } = toHttpError(new TaskNotFoundError('missing-1'));
    expect(status).toBe(404);
    expect(body.error).toEqual({ code: 'NOT_FOUND', message: 'task "missing-1" does not exist' });
  });

  it('maps TaskExistsError to 409 TASK_EXISTS with the differing fields', () => {
    const { status, body } = toHttpError(new TaskExistsError('t1', ['duration_ms', 'type']));
    expect(status).toBe(409);
    expect(body.error.code).toBe('TASK_EXISTS');
    expect(body.error.message).toContain('duration_ms, type');
    expect(body.error.details).toEqual({ differing_fields: ['duration_ms', 'type'] });
  });

  it('maps UnknownDependencyError to 422 UNKNOWN_DEPENDENCY with every missing id', () => {
    const { status, body } = toHttpError(new UnknownDependencyError(['a', 'b']));
    expect(status).toBe(422);
    expect(body.error.code).toBe('UNKNOWN_DEPENDENCY');
    expect(body.error.message).toMatch(/"a".*"b"/);
    expect(body.error.details).toEqual({ missing: ['a', 'b'] });
  });

  it('maps SelfDependencyError to 422 SELF_DEPENDENCY', () => {
    const { status, body } = toHttpError(new SelfDependencyError('loop'));
    expect(status).toBe(422);
    expect(body.error).toEqual({ code: 'SELF_DEPENDENCY', message: 'task "loop" cannot depend on itself' });
  });

  it('maps TemporalUnavailableError to 503 TEMPORAL_UNAVAILABLE', () => {
    const { status, body } = toHttpError(new TemporalUnavailableError());
    expect(status).toBe(503);
    expect(body.error.code).toBe('TEMPORAL_UNAVAILABLE');
  });

  /** An error as body-parser raises it: an Error with an HTTP status and a `type`. */
  const bodyParserError = (type: string, status: number) =>
    Object.assign(new Error(`body-parser: ${type}`), { type, status, statusCode: status, expose: true });

  it.each([
    ['entity.parse.failed', 400, 400, 'VALIDATION_ERROR'],
    ['entity.too.large', 413, 413, 'PAYLOAD_TOO_LARGE'],
    ['encoding.unsupported', 415, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['charset.unsupported', 415, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['request.aborted', 400, 400, 'BAD_REQUEST'],
    ['request.size.invalid', 400, 400, 'BAD_REQUEST'],
    ['stream.encoding.set', 500, 400, 'BAD_REQUEST'],
    ['stream.not.readable', 500, 400, 'BAD_REQUEST'],
  ])('maps the body-parser error %s to %i → %i %s', (type, raised, status, code) => {
    const mapped = toHttpError(bodyParserError(type, raised));
    expect(mapped.status).toBe(status);
    expect(mapped.body.error.code).toBe(code);
    expect(mapped.body.error.message).toEqual(expect.any(String));
  });

  it('maps any other error to 500 INTERNAL without leaking its message', () => {
    for (const err of [new Error('secret connection string'), 'a string', null, undefined, { foo: 1 }]) {
      expect(toHttpError(err)).toEqual({
        status: 500,
        body: { error: { code: 'INTERNAL', message: 'internal error' } },
      });
    }
  });

  // Express raises client errors of its own that carry a 4xx `status` but no body-parser `type`. They are the
  // client's fault and must not become 500s. These are the exact errors seen in the API log.
  it.each([
    [
      "router's decodeParam, for a path parameter that is not valid percent-encoding",
      Object.assign(new URIError("Failed to decode param '%E0%A4%A'"), { status: 400, statusCode: 400 }),
    ],
    [
      'zlib via body-parser, for a corrupt Content-Encoding: gzip body',
      Object.assign(new Error('incorrect header check'), {
        errno: -3,
        code: 'Z_DATA_ERROR',
        expose: true,
        status: 400,
        statusCode: 400,
      }),
    ],
  ])('keeps the 4xx of a client error raised by %s', (_source, err) => {
    const { status, body } = toHttpError(err);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(body.error.code).not.toBe('INTERNAL');
  });
});
