import { type Client, type WorkflowExecutionDescription, WorkflowNotFoundError } from '@temporalio/client';
import type { Task } from '../shared/task-definition.js';
import { WORKFLOW_TYPE, taskWorkflowId } from '../shared/workflow-ids.js';
import type { DeadlineCaller } from '../temporal/call-with-deadline.js';
import { toTask } from './task-view.js';

/**
 * Reads one task's workflow with describe: strongly consistent, so an answer right after a write sees it.
 * Shared by submission (dependency checks, idempotent retries) and queries (GET of one task).
 */
export class TaskLookup {
  constructor(
    private readonly client: Client,
    private readonly call: DeadlineCaller,
  ) {}

  /** The task's workflow, or undefined when no task has this id (or retention deleted it). */
  async describe(id: string): Promise<WorkflowExecutionDescription | undefined> {
    try {
      const description = await this.call(() =>
        this.client.workflow.getHandle(taskWorkflowId(id)).describe(),
      );
      return description.type === WORKFLOW_TYPE ? description : undefined;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return undefined;
      throw err;
    }
  }

  async find(id: string): Promise<Task | undefined> {
    const description = await this.describe(id);
    return description && toTask(description);
  }
}
