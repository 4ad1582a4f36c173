import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';

const { TaskQueueKind, TaskQueueType } = proto.temporal.api.enums.v1;

/**
 * Activity tasks per second that matching handed to workers on the task queue, averaged by the server over the
 * last 30 s: how fast the work of QUEUED tasks starts. Served from matching's own counters (DescribeTaskQueue with
 * stats), so it costs no database query. Its backlog count is not used: it is refreshed only every few seconds and
 * was seen to miss a backlog of two entirely.
 */
export async function readWorkDispatchRate(client: Client, taskQueue: string): Promise<number> {
  const { stats } = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
    reportStats: true,
  });
  return stats?.tasksDispatchRate ?? 0;
}
