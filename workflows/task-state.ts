import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type {
  AlreadySettled,
  AttemptFailedArgs,
  AttemptStartedArgs,
  DependencySettledArgs,
} from '../src/shared/messages.js';
import { type SettledStatus, TaskStatus, isSettled } from '../src/shared/task-status.js';
import { type TaskError, TaskErrorCode } from '../src/shared/task-error.js';
import {
  type TaskRunResult,
  type TaskWorkflowInput,
  initialStatus,
  msUntilDue,
} from '../src/shared/workflow-inputs.js';
import { MEMO_CASCADE, MEMO_ERROR } from '../src/shared/workflow-ids.js';
import { SearchAttributes } from '../src/shared/task-search-attributes.js';
import { AttemptTracker } from './attempt-tracker.js';

/** What a transition asks the workflow to write: the search attributes first, then the memo (one event each). */
export interface StateWrite {
  searchAttributes: SearchAttributeUpdatePair[];
  memo?: Record<string, unknown>;
}

/** How the task ends: its final status, its `completed_at`, why it failed or was cancelled. */
export interface Settlement {
  status: SettledStatus;
  completedAt: Date;
  error?: TaskError;
  /** CANCELLED with cascade: its dependents are cancelled too. */
  cascade?: boolean;
}

/**
 * What a task workflow knows of its task: the settled dependencies, the subscribers, the status and the attempts.
 * Plain and deterministic: transitions return what to write instead of writing it, so the workflow only wires
 * handlers and this class is tested without the workflow sandbox.
 */
export class TaskState {
  private readonly settled: Map<string, SettledStatus>;
  private readonly subscriberIds: Set<string>;
  private current: TaskStatus;
  private readonly attempts = new AttemptTracker();
  /** Dependencies that were cancelled with cascade. */
  private readonly cascading = new Set<string>();
  private cancelRequest?: { cascade: boolean };
  /** `not_before` has passed: from the start without one, else once `timeUntilDue` or `onDue` says so. */
  private due: boolean;

  /**
   * @param startedAt when the task's workflow (the first run of its chain) started, on the server's clock: a
   *   dependency cancelled with cascade before that does not cascade to it.
   */
  constructor(
    private readonly input: TaskWorkflowInput,
    private readonly startedAt: Date,
  ) {
    this.settled = new Map(input.completed_dependencies.map((id) => [id, TaskStatus.COMPLETED]));
    this.subscriberIds = new Set(input.subscribers);
    this.current = initialStatus(input);
    this.due = input.spec.not_before === undefined;
  }

  get status(): TaskStatus {
    return this.current;
  }

  /** Live: subscriptions that arrive while notifications are in flight show up here. */
  get subscribers(): ReadonlySet<string> {
    return this.subscriberIds;
  }

  onSubscribe(subscriber: string): void {
    this.subscriberIds.add(subscriber);
  }

  /**
   * Ignores dependencies this task does not have. A cascade reaches this task only if it existed when the dependency
   * settled: a task submitted after its dependency was cancelled fails with DEPENDENCY_CANCELLED, as one submitted
   * after a cancellation without cascade does.
   */
  onDependencySettled({ dependency_id, status, cascade, settled_at }: DependencySettledArgs): void {
    if (!this.input.spec.dependencies.includes(dependency_id)) return;
    this.settled.set(dependency_id, status);
    const existedThen = settled_at === undefined || Date.parse(settled_at) >= this.startedAt.getTime();
    if (status === TaskStatus.CANCELLED && cascade && existedThen) this.cascading.add(dependency_id);
  }

  /** A cancellation was asked for (API or Web UI); a second one only adds `cascade`. */
  onCancelRequested(cascade: boolean): void {
    this.cancelRequest = { cascade: cascade || (this.cancelRequest?.cascade ?? false) };
  }

  cancelRequested(): boolean {
    return this.cancelRequest !== undefined;
  }

  /** The dependencies that had already settled when this task subscribed to them. */
  onSubscribed(alreadySettled: Record<string, AlreadySettled>): void {
    for (const [dependency_id, settled] of Object.entries(alreadySettled)) {
      // A plain status, as every run recorded before cascades were read from closed dependencies.
      this.onDependencySettled({
        dependency_id,
        ...(typeof settled === 'string' ? { status: settled } : settled),
      });
    }
  }

  unsettledDependencies(): string[] {
    return this.input.spec.dependencies.filter((id) => !this.settled.has(id));
  }

  /** The first dependency that settled without completing (FAILED or CANCELLED): this task can never run. */
  failedDependency(): string | undefined {
    return this.input.spec.dependencies.find((id) => {
      const status = this.settled.get(id);
      return status !== undefined && status !== TaskStatus.COMPLETED;
    });
  }

  /**
   * How long, from `now` (ms since the epoch), the task must still wait for its `not_before`: 0 when it is due,
   * and from then on the task counts as due.
   */
  timeUntilDue(now: number): number {
    const ms = msUntilDue(this.input.spec, now);
    if (ms === 0) this.due = true;
    return ms;
  }

  /** The `not_before` timer fired. */
  onDue(): void {
    this.due = true;
  }

  /**
   * True once the work may run (every dependency completed and the task is due), or once a failed dependency or a
   * cancellation means it never will: that settles the task at once, even before its `not_before`.
   */
  ready(): boolean {
    if (this.cancelRequested() || this.failedDependency() !== undefined) return true;
    return this.due && this.settled.size === this.input.spec.dependencies.length;
  }

  /** The next run's input: it knows what this one learnt, and must not subscribe again. */
  continueAsNewInput(): TaskWorkflowInput {
    return {
      ...this.input,
      completed_dependencies: [...this.settled.keys()],
      subscribers: [...this.subscriberIds],
      subscribed_to_dependencies: true,
    };
  }

  /** Every dependency completed: a WAITING task is QUEUED for its work. */
  onDependenciesMet(): StateWrite | undefined {
    return this.current === TaskStatus.WAITING ? this.setStatus(TaskStatus.QUEUED) : undefined;
  }

  /** RUNNING, unless a newer attempt was already reported or the task has settled (late signals). */
  onAttemptStarted({ attempt, started_at }: AttemptStartedArgs): StateWrite | undefined {
    if (isSettled(this.current)) return undefined;
    if (!this.attempts.record(attempt, started_at)) return undefined;
    return this.setStatus(TaskStatus.RUNNING, this.attempts.searchAttributes());
  }

  /** QUEUED again with the attempt's error, when another attempt follows. */
  onAttemptFailed({ attempt, started_at, error }: AttemptFailedArgs): StateWrite | undefined {
    if (isSettled(this.current)) return undefined;
    const newest = this.attempts.record(attempt, started_at);
    // The last attempt's failure is recorded here and reported by the activity's failure (attemptsExhausted).
    if (!newest || attempt >= this.input.spec.max_attempts) return undefined;
    return {
      ...this.setStatus(TaskStatus.QUEUED, this.attempts.searchAttributes()),
      memo: { [MEMO_ERROR]: error },
    };
  }

  /**
   * The outcome when the work never runs: cancelled by request, or a dependency failed or was cancelled (FAILED,
   * or CANCELLED when it was cancelled with cascade); undefined when none of these happened.
   */
  outcomeWithoutWork(at: Date): Settlement | undefined {
    if (this.cancelRequested()) return this.cancellation(at);
    const failed = this.failedDependency();
    if (failed === undefined) return undefined;
    if (this.cascading.has(failed)) {
      const message = `dependency "${failed}" was cancelled with cascade`;
      const error = { code: TaskErrorCode.CANCELLED, message };
      return { status: TaskStatus.CANCELLED, completedAt: at, error, cascade: true };
    }
    const error =
      this.settled.get(failed) === TaskStatus.CANCELLED
        ? { code: TaskErrorCode.DEPENDENCY_CANCELLED, message: `dependency "${failed}" was cancelled` }
        : { code: TaskErrorCode.DEPENDENCY_FAILED, message: `dependency "${failed}" failed` };
    return { status: TaskStatus.FAILED, completedAt: at, error };
  }

  /** The outcome of a cancellation: CANCELLED, cascading to the dependents if asked. */
  cancellation(at: Date): Settlement {
    const error = { code: TaskErrorCode.CANCELLED, message: 'cancelled by request' };
    return {
      status: TaskStatus.CANCELLED,
      completedAt: at,
      error,
      cascade: this.cancelRequest?.cascade ?? false,
    };
  }

  /** Records the attempt that succeeded; the task completed when the work finished, on the worker's clock. */
  onWorkCompleted(result: TaskRunResult): Settlement {
    this.attempts.record(result.attempt, result.started_at);
    return { status: TaskStatus.COMPLETED, completedAt: new Date(result.finished_at) };
  }

  /** The outcome when every attempt failed, `lastError` being the last attempt's message. */
  attemptsExhausted(lastError: string, at: Date): Settlement {
    const message = `all ${this.input.spec.max_attempts} attempts failed; last error: ${lastError}`;
    return {
      status: TaskStatus.FAILED,
      completedAt: at,
      error: { code: TaskErrorCode.ATTEMPTS_EXHAUSTED, message },
    };
  }

  /** The final state; from here on, attempt reports change nothing. */
  settle({ status, completedAt, error, cascade }: Settlement): StateWrite {
    // One upsert with everything: a short task goes from QUEUED to COMPLETED in a single write.
    const write = this.setStatus(status, [
      ...this.attempts.searchAttributes(),
      { key: SearchAttributes.completedAt, value: completedAt },
    ]);
    if (!error) return write;
    // The cascade is kept with the error for dependents that subscribe once this workflow has closed.
    return { ...write, memo: { [MEMO_ERROR]: error, ...(cascade && { [MEMO_CASCADE]: true }) } };
  }

  // One upsert per status change: one history event, and the change shows in list, stats and the Web UI.
  private setStatus(next: TaskStatus, extra: SearchAttributeUpdatePair[] = []): StateWrite {
    this.current = next;
    return { searchAttributes: [{ key: SearchAttributes.status, value: next }, ...extra] };
  }
}
