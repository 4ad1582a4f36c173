import {
  type Client,
  type WorkflowExecutionDescription,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/client';
import pLimit from 'p-limit';
import { SelfDependencyError } from '../errors/self-dependency-error.js';
import { TaskExistsError } from '../errors/task-exists-error.js';
import { UnknownDependencyError } from '../errors/unknown-dependency-error.js';
import type { Task, TaskSpec } from '../shared/task-definition.js';
import { statusOf } from '../shared/task-execution.js';
import { SearchAttributes } from '../shared/task-search-attributes.js';
import { TaskStatus } from '../shared/task-status.js';
import { MEMO_SPEC, WORKFLOW_TYPE, taskWorkflowId } from '../shared/workflow-ids.js';
import { type TaskWorkflowInput, initialStatus } from '../shared/workflow-inputs.js';
import type { DeadlineCaller } from '../temporal/call-with-deadline.js';
import { differingFields } from './differing-fields.js';
import type { TaskLookup } from './task-lookup.js';
import { newTask } from './task-view.js';

/** Dependency look-ups in flight at once while validating one submission. */
const DEPENDENCY_LOOKUP_CONCURRENCY = 32;

/** Submission result: `created` is false when an identical task already existed (an idempotent retry). */
export interface SubmitResult {
  task: Task;
  created: boolean;
}

export interface TaskSubmissionOptions {
  client: Client;
  lookup: TaskLookup;
  call: DeadlineCaller;
  taskQueue: string;
  /** New dependents of a task whose history holds more events than this subscribe through its relay workflow. */
  relayAfterHistoryEvents: number;
}

/** Starts a task's workflow once its dependencies are known to exist; the write side of the task service. */
export class TaskSubmission {
  constructor(private readonly options: TaskSubmissionOptions) {}

  async submit(spec: TaskSpec): Promise<SubmitResult> {
    if (spec.dependencies.includes(spec.id)) throw new SelfDependencyError(spec.id);
    const input: TaskWorkflowInput = { spec, ...(await this.checkDependencies(spec.dependencies)) };
    const status = initialStatus(input);
    const { client, call, taskQueue, lookup } = this.options;
    try {
      await call(() =>
        client.workflow.start(WORKFLOW_TYPE, {
          workflowId: taskWorkflowId(spec.id),
          taskQueue,
          args: [input],
          // Atomic: of concurrent submissions of one id exactly one starts a workflow; the others land below.
          workflowIdConflictPolicy: 'FAIL',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          memo: { [MEMO_SPEC]: spec },
          typedSearchAttributes: [
            { key: SearchAttributes.status, value: status },
            { key: SearchAttributes.type, value: spec.type },
          ],
          staticSummary: `${spec.type} task ${spec.id}`,
        }),
      );
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      const existing = await lookup.find(spec.id);
      const differences = existing ? differingFields(existing, spec) : ['workflow type'];
      if (!existing || differences.length > 0) throw new TaskExistsError(spec.id, differences);
      return { task: existing, created: false };
    }
    return { task: newTask(spec, status), created: true };
  }

  /**
   * Describes every dependency and throws naming all unknown ones. Returns those already COMPLETED (nothing to wait
   * for) and those whose history is already long: the new task reaches them through their relay, so that a task
   * with thousands of dependents never takes thousands of subscriptions into its own history.
   */
  private async checkDependencies(
    ids: string[],
  ): Promise<Pick<TaskWorkflowInput, 'completed_dependencies' | 'relayed_dependencies'>> {
    const limit = pLimit(DEPENDENCY_LOOKUP_CONCURRENCY);
    const found = await Promise.all(ids.map((id) => limit(() => this.options.lookup.describe(id))));
    const missing = ids.filter((_, i) => found[i] === undefined);
    if (missing.length > 0) throw new UnknownDependencyError(missing);
    const described = found as WorkflowExecutionDescription[];
    const completed = ids.filter((_, i) => statusOf(described[i]!) === TaskStatus.COMPLETED);
    const relayed = ids.filter(
      (_, i) =>
        statusOf(described[i]!) !== TaskStatus.COMPLETED &&
        described[i]!.historyLength > this.options.relayAfterHistoryEvents,
    );
    return {
      completed_dependencies: completed,
      ...(relayed.length > 0 && { relayed_dependencies: relayed }),
    };
  }
}
