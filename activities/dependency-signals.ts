import { Context } from '@temporalio/activity';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import pLimit from 'p-limit';
import { statusOf } from '../src/shared/task-execution.js';
import {
  type AlreadySettled,
  type SubscribeArgs,
  dependencySettledSignal,
  subscribeSignal,
} from '../src/shared/messages.js';
import { SearchAttributes } from '../src/shared/task-search-attributes.js';
import type { DependentsRelayInput } from '../src/shared/workflow-inputs.js';
import {
  MEMO_CASCADE,
  RELAY_WORKFLOW_TYPE,
  relayWorkflowId,
  taskWorkflowId,
} from '../src/shared/workflow-ids.js';
import { type SettledStatus, TaskStatus, isSettled } from '../src/shared/task-status.js';

/** Signals in flight at once per fan-out: enough to hide RPC latency, few enough not to flood the frontend. */
const SIGNAL_CONCURRENCY = 32;

export interface SubscribeInput {
  /** Workflow id to notify: the dependent task's, or a relay's. */
  subscriber: string;
  dependency_ids: string[];
  /** Of those, the ones to reach through their dependents relay (their own history is already long). */
  relayed_dependency_ids?: string[];
}

export interface NotifyInput {
  dependency_id: string;
  status: SettledStatus;
  /** CANCELLED with cascade: the dependents are cancelled too. */
  cascade?: boolean;
  /** With cascade: when the task settled (DependencySettledArgs). */
  settled_at?: string;
  /** Workflow ids that subscribed. */
  subscribers: string[];
}

/**
 * Signalling other workflows from an activity rather than from workflow code: one marker event per fan-out in the
 * sender's history instead of two events per signal, and no limit of 2,000 pending signals per workflow.
 */
export function createDependencySignals(client: Client) {
  const limit = pLimit(SIGNAL_CONCURRENCY);

  /**
   * Subscribes the dependent to each dependency. A dependency whose workflow is already closed cannot take the
   * signal; its final state is read instead (describe is strongly consistent) and returned, so no wake-up is
   * missed whether the dependency settles before, during or after this call. A relayed dependency is subscribed
   * to through its relay, started if no relay runs; the relay then answers for it.
   */
  async function subscribeToDependencies(input: SubscribeInput): Promise<Record<string, AlreadySettled>> {
    const settled: Record<string, AlreadySettled> = {};
    const relayed = new Set(input.relayed_dependency_ids);
    const subscription = { subscriber: input.subscriber };
    await Promise.all(
      input.dependency_ids.map((id) =>
        limit(async () => {
          if (relayed.has(id)) return subscribeThroughRelay(id, subscription);
          try {
            await client.workflow.getHandle(taskWorkflowId(id)).signal(subscribeSignal, subscription);
          } catch (err) {
            if (!(err instanceof WorkflowNotFoundError)) throw err;
            settled[id] = await finalState(id);
          }
        }),
      ),
    );
    return settled;
  }

  async function subscribeThroughRelay(taskId: string, subscription: SubscribeArgs): Promise<void> {
    const args: [DependentsRelayInput] = [{ task_id: taskId }];
    await client.workflow.signalWithStart(RELAY_WORKFLOW_TYPE, {
      workflowId: relayWorkflowId(taskId),
      taskQueue: Context.current().info.taskQueue,
      args,
      signal: subscribeSignal,
      signalArgs: [subscription],
      staticSummary: `relays the outcome of task ${taskId} to its dependents`,
    });
  }

  /**
   * A closed task's final status, with the cascade and its `completed_at` if it was CANCELLED with cascade (the
   * dependent decides whether the cascade reaches it: TaskState.onDependencySettled).
   */
  async function finalState(id: string): Promise<AlreadySettled> {
    try {
      const execution = await client.workflow.getHandle(taskWorkflowId(id)).describe();
      const status = statusOf(execution);
      if (!isSettled(status)) return TaskStatus.FAILED;
      const completedAt = execution.typedSearchAttributes.get(SearchAttributes.completedAt);
      if (status === TaskStatus.CANCELLED && execution.memo?.[MEMO_CASCADE] === true && completedAt) {
        return { status, cascade: true, settled_at: completedAt.toISOString() };
      }
      return status;
    } catch (err) {
      // Closed and then deleted by namespace retention: its outcome is unknowable, so it cannot count as done.
      if (err instanceof WorkflowNotFoundError) return TaskStatus.FAILED;
      throw err;
    }
  }

  /** Tells each subscriber that this task settled. A subscriber that already closed no longer needs to know. */
  async function notifyDependents(input: NotifyInput): Promise<void> {
    Context.current().log.debug('notifying dependents', { count: input.subscribers.length });
    await Promise.all(
      input.subscribers.map((workflowId) =>
        limit(async () => {
          try {
            await client.workflow.getHandle(workflowId).signal(dependencySettledSignal, {
              dependency_id: input.dependency_id,
              status: input.status,
              ...(input.cascade && { cascade: true, settled_at: input.settled_at }),
            });
          } catch (err) {
            if (!(err instanceof WorkflowNotFoundError)) throw err;
          }
        }),
      ),
    );
  }

  return { subscribeToDependencies, notifyDependents };
}
