import { describe, expect, it } from 'vitest';
import type { TaskWorkflowInput } from '../../src/shared/workflow-inputs.js';
import { type StateWrite, TaskState } from '../../workflows/task-state.js';
import { spec as fixture } from '../helpers/task-spec-fixture.js';

const spec = { ...fixture, id: 'load', dependencies: ['extract', 'clean'], max_attempts: 3 };
/** When the task's workflow started, before T1 and T2. */
const STARTED = new Date('2026-01-01T00:00:00.000Z');
const state = (input: Partial<TaskWorkflowInput> = {}) =>
  new TaskState({ spec, completed_dependencies: [], ...input }, STARTED);

/** The search attributes a write upserts, in order, as [name, value]. */
const upserts = (write: StateWrite | undefined) =>
  write?.searchAttributes.map(({ key, value }) => [key.name, value]);

const T1 = '2026-01-01T00:00:01.000Z';
const T2 = '2026-01-01T00:00:02.000Z';
const boom = { code: 'WORK_FAILED', message: 'boom' };

describe('TaskState before the work', () => {
  it('starts WAITING while a dependency is not known to have completed, QUEUED otherwise', () => {
    expect(state().status).toBe('WAITING');
    expect(state({ completed_dependencies: ['extract'] }).status).toBe('WAITING');
    expect(state({ completed_dependencies: ['clean', 'extract'] }).status).toBe('QUEUED');
    expect(
      new TaskState({ spec: { ...spec, dependencies: [] }, completed_dependencies: [] }, STARTED).status,
    ).toBe('QUEUED');
  });

  it('starts WAITING when its not_before is later than its submission, even with every dependency completed', () => {
    const created_at = '2026-01-01T00:00:00.000Z';
    const at = (not_before: string) =>
      new TaskState(
        { spec: { ...spec, created_at, not_before }, completed_dependencies: ['clean', 'extract'] },
        STARTED,
      );
    expect(at('2026-01-01T00:00:00.001Z').status).toBe('WAITING');
    expect(at(created_at).status).toBe('QUEUED');
    expect(at('2025-12-31T23:59:59Z').status).toBe('QUEUED');
  });

  it('is ready only once its not_before passed, from the clock or from the timer', () => {
    const notBefore = Date.parse(T2);
    const task = () =>
      new TaskState(
        { spec: { ...spec, not_before: T2 }, completed_dependencies: ['clean', 'extract'] },
        STARTED,
      );
    const early = task();
    expect(early.ready()).toBe(false);
    expect(early.timeUntilDue(notBefore - 1_500)).toBe(1_500);
    expect(early.ready()).toBe(false);
    early.onDue();
    expect(early.ready()).toBe(true);

    const late = task();
    expect(late.timeUntilDue(notBefore)).toBe(0);
    expect(late.ready()).toBe(true);
    expect(task().timeUntilDue(notBefore + 60_000)).toBe(0);
  });

  it('waits for its dependencies after its not_before passed, and fails at once when one failed', () => {
    const due = new TaskState({ spec: { ...spec, not_before: T1 }, completed_dependencies: [] }, STARTED);
    expect(due.timeUntilDue(Date.parse(T2))).toBe(0);
    expect(due.ready()).toBe(false);
    due.onSubscribed({ extract: 'COMPLETED', clean: 'COMPLETED' });
    expect(due.ready()).toBe(true);

    const early = new TaskState({ spec: { ...spec, not_before: T2 }, completed_dependencies: [] }, STARTED);
    expect(early.timeUntilDue(Date.parse(T1))).toBe(1_000);
    early.onDependencySettled({ dependency_id: 'clean', status: 'FAILED' });
    expect(early.ready()).toBe(true);
    expect(early.outcomeWithoutWork(new Date(T1))?.error?.code).toBe('DEPENDENCY_FAILED');
  });

  it('is ready once every dependency settled, from the input, the subscription or a signal', () => {
    const task = state({ completed_dependencies: ['extract'] });
    expect(task.unsettledDependencies()).toEqual(['clean']);
    expect(task.ready()).toBe(false);
    task.onSubscribed({});
    expect(task.ready()).toBe(false);
    task.onDependencySettled({ dependency_id: 'clean', status: 'COMPLETED' });
    expect(task.unsettledDependencies()).toEqual([]);
    expect(task.ready()).toBe(true);
    expect(task.failedDependency()).toBeUndefined();
    expect(task.outcomeWithoutWork(new Date(T2))).toBeUndefined();

    const subscribed = state();
    subscribed.onSubscribed({ extract: 'COMPLETED', clean: 'COMPLETED' });
    expect(subscribed.ready()).toBe(true);
  });

  it('ignores a settled signal for a task it does not depend on', () => {
    const task = state({ completed_dependencies: ['extract'] });
    task.onDependencySettled({ dependency_id: 'stranger', status: 'FAILED' });
    expect(task.ready()).toBe(false);
    expect(task.failedDependency()).toBeUndefined();
    expect(task.continueAsNewInput().completed_dependencies).toEqual(['extract']);
  });

  it('is ready as soon as one dependency failed, and fails with DEPENDENCY_FAILED naming it', () => {
    const task = state();
    task.onDependencySettled({ dependency_id: 'clean', status: 'FAILED' });
    expect(task.unsettledDependencies()).toEqual(['extract']);
    expect(task.ready()).toBe(true);
    expect(task.failedDependency()).toBe('clean');
    const at = new Date(T2);
    expect(task.outcomeWithoutWork(at)).toEqual({
      status: 'FAILED',
      completedAt: at,
      error: { code: 'DEPENDENCY_FAILED', message: 'dependency "clean" failed' },
    });
  });

  it('goes from WAITING to QUEUED once, and writes nothing for a task that started QUEUED', () => {
    const waiting = state();
    expect(upserts(waiting.onDependenciesMet())).toEqual([['TaskStatus', 'QUEUED']]);
    expect(waiting.status).toBe('QUEUED');
    expect(waiting.onDependenciesMet()).toBeUndefined();
    expect(state({ completed_dependencies: ['extract', 'clean'] }).onDependenciesMet()).toBeUndefined();
  });

  it('accumulates subscribers and carries them and the settled dependencies into the next run', () => {
    const input: TaskWorkflowInput = {
      spec,
      completed_dependencies: ['extract'],
      subscribers: ['a'],
      relayed_dependencies: ['clean'],
      history_event_limit: 15,
    };
    const task = new TaskState(input, STARTED);
    task.onSubscribe('b');
    task.onSubscribe('a');
    task.onSubscribe('c');
    expect([...task.subscribers]).toEqual(['a', 'b', 'c']);
    expect(task.continueAsNewInput()).toEqual({
      ...input,
      completed_dependencies: ['extract'],
      subscribers: ['a', 'b', 'c'],
      subscribed_to_dependencies: true,
    });
    // The subscriber set is live: a subscription during notification is seen by the loop that notifies.
    const live = task.subscribers;
    task.onSubscribe('d');
    expect(live.has('d')).toBe(true);
  });
});

describe('TaskState during the work', () => {
  const queued = () => state({ completed_dependencies: ['extract', 'clean'] });

  it('goes RUNNING with attempts and started_at for the newest attempt only', () => {
    const task = queued();
    expect(upserts(task.onAttemptStarted({ attempt: 2, started_at: T2 }))).toEqual([
      ['TaskStatus', 'RUNNING'],
      ['TaskAttempts', 2],
      ['TaskStartedAt', new Date(T2)],
    ]);
    // Attempt 1's report arrives late: no write, though its start becomes the first start.
    expect(task.onAttemptStarted({ attempt: 1, started_at: T1 })).toBeUndefined();
    expect(task.status).toBe('RUNNING');
    expect(upserts(task.onAttemptStarted({ attempt: 2, started_at: T2 }))).toEqual([
      ['TaskStatus', 'RUNNING'],
      ['TaskAttempts', 2],
      ['TaskStartedAt', new Date(T1)],
    ]);
  });

  it('goes QUEUED again with the error memo when another attempt follows', () => {
    const task = queued();
    task.onAttemptStarted({ attempt: 1, started_at: T1 });
    const write = task.onAttemptFailed({ attempt: 1, started_at: T1, error: boom });
    expect(upserts(write)).toEqual([
      ['TaskStatus', 'QUEUED'],
      ['TaskAttempts', 1],
      ['TaskStartedAt', new Date(T1)],
    ]);
    expect(write?.memo).toEqual({ error: boom });
    expect(task.status).toBe('QUEUED');
  });

  it('writes nothing for the last attempt failure, nor for an older attempt failing late', () => {
    const task = queued();
    expect(task.onAttemptFailed({ attempt: 3, started_at: T2, error: boom })).toBeUndefined();
    expect(task.onAttemptFailed({ attempt: 2, started_at: T1, error: boom })).toBeUndefined();
    expect(task.status).toBe('QUEUED');
    // Both were recorded all the same: the final write shows 3 attempts from the earliest start.
    const settled = task.settle(task.attemptsExhausted('boom', new Date(T2)));
    expect(upserts(settled)?.slice(1, 3)).toEqual([
      ['TaskAttempts', 3],
      ['TaskStartedAt', new Date(T1)],
    ]);
  });
});

describe('TaskState settling', () => {
  it('completes with status, attempts, started_at and completed_at in one write, without memo', () => {
    const task = state({ completed_dependencies: ['extract', 'clean'] });
    const outcome = task.onWorkCompleted({ attempt: 2, started_at: T1, finished_at: T2 });
    expect(outcome).toEqual({ status: 'COMPLETED', completedAt: new Date(T2) });
    const write = task.settle(outcome);
    expect(upserts(write)).toEqual([
      ['TaskStatus', 'COMPLETED'],
      ['TaskAttempts', 2],
      ['TaskStartedAt', new Date(T1)],
      ['TaskCompletedAt', new Date(T2)],
    ]);
    expect(write.memo).toBeUndefined();
    expect(task.status).toBe('COMPLETED');
  });

  it('fails with ATTEMPTS_EXHAUSTED and the error memo', () => {
    const task = state({ completed_dependencies: ['extract', 'clean'] });
    const at = new Date(T2);
    const outcome = task.attemptsExhausted('disk full', at);
    const error = { code: 'ATTEMPTS_EXHAUSTED', message: 'all 3 attempts failed; last error: disk full' };
    expect(outcome).toEqual({ status: 'FAILED', completedAt: at, error });
    const write = task.settle(outcome);
    expect(upserts(write)).toEqual([
      ['TaskStatus', 'FAILED'],
      ['TaskCompletedAt', at],
    ]);
    expect(write.memo).toEqual({ error });
  });

  it('writes no attempts for a task failed by its dependency', () => {
    const task = state();
    task.onDependencySettled({ dependency_id: 'extract', status: 'FAILED' });
    const at = new Date(T1);
    const write = task.settle(task.outcomeWithoutWork(at)!);
    expect(upserts(write)).toEqual([
      ['TaskStatus', 'FAILED'],
      ['TaskCompletedAt', at],
    ]);
    expect(write.memo).toEqual({
      error: { code: 'DEPENDENCY_FAILED', message: 'dependency "extract" failed' },
    });
  });

  it('ignores attempt reports once settled', () => {
    const task = state({ completed_dependencies: ['extract', 'clean'] });
    task.settle(task.onWorkCompleted({ attempt: 1, started_at: T1, finished_at: T2 }));
    expect(task.onAttemptStarted({ attempt: 2, started_at: T2 })).toBeUndefined();
    expect(task.onAttemptFailed({ attempt: 2, started_at: T2, error: boom })).toBeUndefined();
    expect(task.status).toBe('COMPLETED');
  });
});

describe('TaskState cancelled', () => {
  it('is ready at once when cancelled while waiting, and settles CANCELLED without cascade by default', () => {
    const task = state();
    expect(task.cancelRequested()).toBe(false);
    task.onCancelRequested(false);
    expect(task.cancelRequested()).toBe(true);
    expect(task.ready()).toBe(true);
    const at = new Date(T1);
    const outcome = task.outcomeWithoutWork(at);
    expect(outcome).toEqual({
      status: 'CANCELLED',
      completedAt: at,
      error: { code: 'CANCELLED', message: 'cancelled by request' },
      cascade: false,
    });
    expect(upserts(task.settle(outcome!))).toEqual([
      ['TaskStatus', 'CANCELLED'],
      ['TaskCompletedAt', at],
    ]);
  });

  it('keeps cascade once any request asked for it, and wins over a failed dependency', () => {
    const task = state();
    task.onDependencySettled({ dependency_id: 'clean', status: 'FAILED' });
    task.onCancelRequested(true);
    task.onCancelRequested(false);
    expect(task.outcomeWithoutWork(new Date(T1))).toMatchObject({ status: 'CANCELLED', cascade: true });
    expect(task.cancellation(new Date(T2))).toMatchObject({ status: 'CANCELLED', cascade: true });
  });

  it('fails with DEPENDENCY_CANCELLED when a dependency was cancelled, and is cancelled with cascade', () => {
    const failed = state();
    failed.onDependencySettled({ dependency_id: 'extract', status: 'CANCELLED' });
    expect(failed.ready()).toBe(true);
    expect(failed.failedDependency()).toBe('extract');
    expect(failed.outcomeWithoutWork(new Date(T1))).toEqual({
      status: 'FAILED',
      completedAt: new Date(T1),
      error: { code: 'DEPENDENCY_CANCELLED', message: 'dependency "extract" was cancelled' },
    });

    const cascaded = state();
    cascaded.onDependencySettled({ dependency_id: 'extract', status: 'CANCELLED', cascade: true });
    expect(cascaded.outcomeWithoutWork(new Date(T1))).toEqual({
      status: 'CANCELLED',
      completedAt: new Date(T1),
      error: { code: 'CANCELLED', message: 'dependency "extract" was cancelled with cascade' },
      cascade: true,
    });
    // Cascade is about cancelled dependencies only: a failed one still fails the task.
    const failedWithCascade = state();
    failedWithCascade.onDependencySettled({ dependency_id: 'clean', status: 'FAILED', cascade: true });
    expect(failedWithCascade.outcomeWithoutWork(new Date(T1))?.status).toBe('FAILED');
  });

  it('is cancelled by a cascade only if it existed when the dependency settled', () => {
    const cancelled = (settled: Parameters<TaskState['onSubscribed']>[0]) => {
      const task = state();
      task.onSubscribed(settled);
      return task.outcomeWithoutWork(new Date(T2));
    };
    // Read from a closed dependency, as a subscription after it settled finds it: cancelled at T1, after STARTED.
    expect(cancelled({ extract: { status: 'CANCELLED', cascade: true, settled_at: T1 } })).toMatchObject({
      status: 'CANCELLED',
      error: { code: 'CANCELLED', message: 'dependency "extract" was cancelled with cascade' },
      cascade: true,
    });
    // Cancelled before this task existed: the same as a later submission after a cancellation without cascade.
    expect(
      cancelled({ extract: { status: 'CANCELLED', cascade: true, settled_at: '2025-12-31T23:59:59.999Z' } }),
    ).toMatchObject({ status: 'FAILED', error: { code: 'DEPENDENCY_CANCELLED' } });
    // A plain status, as runs recorded before the cascade was read from closed dependencies hold.
    expect(cancelled({ extract: 'CANCELLED' })).toMatchObject({ error: { code: 'DEPENDENCY_CANCELLED' } });
    expect(cancelled({ extract: 'COMPLETED', clean: 'COMPLETED' })).toBeUndefined();

    const signalled = state();
    signalled.onDependencySettled({
      dependency_id: 'extract',
      status: 'CANCELLED',
      cascade: true,
      settled_at: T1,
    });
    expect(signalled.outcomeWithoutWork(new Date(T2))).toMatchObject({ status: 'CANCELLED', cascade: true });
  });

  it('records a cascade in the memo next to the error, for dependents that subscribe once it closed', () => {
    const task = state();
    task.onCancelRequested(true);
    expect(task.settle(task.cancellation(new Date(T1))).memo).toEqual({
      error: { code: 'CANCELLED', message: 'cancelled by request' },
      cascade: true,
    });
    const plain = state();
    plain.onCancelRequested(false);
    expect(plain.settle(plain.cancellation(new Date(T1))).memo).toEqual({
      error: { code: 'CANCELLED', message: 'cancelled by request' },
    });
  });

  it('settles CANCELLED with the attempts of work that was interrupted', () => {
    const task = state({ completed_dependencies: ['extract', 'clean'] });
    task.onAttemptStarted({ attempt: 1, started_at: T1 });
    task.onCancelRequested(false);
    const write = task.settle(task.cancellation(new Date(T2)));
    expect(upserts(write)).toEqual([
      ['TaskStatus', 'CANCELLED'],
      ['TaskAttempts', 1],
      ['TaskStartedAt', new Date(T1)],
      ['TaskCompletedAt', new Date(T2)],
    ]);
    expect(write.memo).toEqual({ error: { code: 'CANCELLED', message: 'cancelled by request' } });
    expect(task.onAttemptStarted({ attempt: 2, started_at: T2 })).toBeUndefined();
  });
});
