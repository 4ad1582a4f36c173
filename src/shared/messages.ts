// Every signal, query and update exchanged between task workflows, their activities and the API, defined once.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DagChunk } from './dag-inputs.js';
import type { TaskError } from './task-error.js';
import type { SettledStatus, TaskStatus } from './task-status.js';

export interface SubscribeArgs {
  /** Workflow id to signal when this task settles: a dependent task's, or a dependents relay's. */
  subscriber: string;
}
/** Sent to a dependency (or to its dependents relay) by a dependent: "tell me when you have settled". */
export const subscribeSignal = defineSignal<[SubscribeArgs]>('subscribe');

export interface DependencySettledArgs {
  dependency_id: string;
  status: SettledStatus;
  /** The dependency was CANCELLED with cascade: cancel this task too (else a cancelled dependency fails it). */
  cascade?: boolean;
  /**
   * With `cascade`: when the dependency settled (ISO 8601, its `completed_at`). The cascade reaches only dependents
   * that existed then; one submitted later fails with DEPENDENCY_CANCELLED. Absent from signals sent before it was
   * carried: those cascade.
   */
  settled_at?: string;
}
/**
 * A dependency that had settled (its workflow closed) when the dependent subscribed: its final status, or, CANCELLED
 * with cascade, the same fields as the signal it would have sent.
 */
export type AlreadySettled = SettledStatus | Omit<DependencySettledArgs, 'dependency_id'>;
/** Sent to a dependent (or a relay) when one of its dependencies reached a final state. */
export const dependencySettledSignal = defineSignal<[DependencySettledArgs]>('dependencySettled');

export interface AttemptStartedArgs {
  attempt: number;
  /** When the worker started this attempt (ISO 8601 UTC). */
  started_at: string;
}
/** Sent by the work activity to its own workflow while an attempt runs (after a short delay): RUNNING. */
export const attemptStartedSignal = defineSignal<[AttemptStartedArgs]>('attemptStarted');

export interface AttemptFailedArgs {
  attempt: number;
  /** When the failed attempt started (ISO 8601 UTC). */
  started_at: string;
  error: TaskError;
}
/** Sent by the work activity when an attempt fails: the task is QUEUED again if another attempt follows. */
export const attemptFailedSignal = defineSignal<[AttemptFailedArgs]>('attemptFailed');

/**
 * Sent by the API to a DAG's submission workflow: one slice of its tasks. Resent (and ignored when already held) by
 * a resubmission that finds the submission still waiting for some.
 */
export const dagChunkSignal = defineSignal<[DagChunk]>('dagChunk');

/**
 * Asked by the API of a task workflow, and of its dependents relay: the workflow ids that subscribed to it (those
 * of dependent tasks, and the relay's). A query is answered from the workflow's state without adding to its
 * history.
 */
export const subscribersQuery = defineQuery<string[]>('subscribers');

export interface CancelArgs {
  /** Cancel the dependents too, and theirs, instead of failing them with DEPENDENCY_CANCELLED. */
  cascade: boolean;
}
/**
 * Sent by the API to a task workflow (`POST /api/tasks/:id/cancel`). Rejected while the task is settled; else it
 * answers once the cancellation took effect: CANCELLED, or RUNNING while the work is being interrupted (or the
 * status the task settled in first, if the work finished before it noticed).
 */
export const cancelUpdate = defineUpdate<TaskStatus, [CancelArgs]>('cancel');
