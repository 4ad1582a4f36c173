// Readiness of a worker process, which does not announce it itself.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';

const { TaskQueueType } = proto.temporal.api.enums.v1;

/**
 * Waits until a worker polls both the workflow and the activity side of `taskQueue`: a worker process bundles its
 * workflows first (seconds of CPU), and a benchmark that did not wait would count that start-up as run time.
 * @param timeoutMs @defaultValue 60_000
 */
export async function waitForPollers(client: Client, taskQueue: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const polled = async (taskQueueType: proto.temporal.api.enums.v1.TaskQueueType) => {
    const response = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: taskQueue },
      taskQueueType,
    });
    return response.pollers.length > 0;
  };
  for (;;) {
    const [workflows, activities] = await Promise.all([
      polled(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW),
      polled(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY),
    ]);
    if (workflows && activities) return;
    if (Date.now() > deadline)
      throw new Error(`no worker polled task queue ${taskQueue} within ${timeoutMs} ms`);
    await sleep(200);
  }
}
