import { Context } from '@temporalio/activity';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import pLimit from 'p-limit';
import { statusOf } from '../src/tasks/task-view.js';
import { dependencySettledSignal, subscribeSignal } from '../workflows/messages.js';
import { type SettledStatus, TaskStatus, taskWorkflowId } from '../workflows/task-model.js';

/** Signals in flight at once per fan-out: enough to hide RPC latency, few enough not to flood the frontend. */
const SIGNAL_CONCURRENCY = 32;

export interface SubscribeInput {
  dependent_id: string;
  dependency_ids: string[];
}

export interface NotifyInput {
  dependency_id: string;
  status: SettledStatus;
  dependent_ids: string[];
}

/**
 * Signalling other workflows from an activity rather than from workflow code: one marker event per fan-out in the
 * sender's history instead of two events per signal, and no limit of 2,000 pending signals per workflow.
 */
export function createDependencySignals(client: Client) {
  const limit = pLimit(SIGNAL_CONCURRENCY);

  /**
   * Subscribes the dependent to each dependency. A dependency whose workflow is already closed cannot take the
   * signal; its final status is read instead (describe is strongly consistent) and returned, so no wake-up is
   * missed whether the dependency settles before, during or after this call.
   */
  async function subscribeToDependencies(input: SubscribeInput): Promise<Record<string, SettledStatus>> {
    const settled: Record<string, SettledStatus> = {};
    await Promise.all(
      input.dependency_ids.map((id) =>
        limit(async () => {
          const handle = client.workflow.getHandle(taskWorkflowId(id));
          try {
            await handle.signal(subscribeSignal, { dependent_id: input.dependent_id });
          } catch (err) {
            if (!(err instanceof WorkflowNotFoundError)) throw err;
            settled[id] = await finalStatus(id);
          }
        }),
      ),
    );
    return settled;
  }

  async function finalStatus(id: string): Promise<SettledStatus> {
    try {
      const status = statusOf(await client.workflow.getHandle(taskWorkflowId(id)).describe());
      return status === TaskStatus.COMPLETED ? TaskStatus.COMPLETED : TaskStatus.FAILED;
    } catch (err) {
      // Closed and then deleted by namespace retention: its outcome is unknowable, so it cannot count as done.
      if (err instanceof WorkflowNotFoundError) return TaskStatus.FAILED;
      throw err;
    }
  }

  /** Tells each dependent that this task settled. A dependent that already closed no longer needs to know. */
  async function notifyDependents(input: NotifyInput): Promise<void> {
    Context.current().log.debug('notifying dependents', { count: input.dependent_ids.length });
    await Promise.all(
      input.dependent_ids.map((id) =>
        limit(async () => {
          try {
            await client.workflow
              .getHandle(taskWorkflowId(id))
              .signal(dependencySettledSignal, { dependency_id: input.dependency_id, status: input.status });
          } catch (err) {
            if (!(err instanceof WorkflowNotFoundError)) throw err;
          }
        }),
      ),
    );
  }

  return { subscribeToDependencies, notifyDependents };
}
