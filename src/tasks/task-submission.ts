import type { Client } from '@temporalio/client';
import { SelfDependencyError } from '../errors/self-dependency-error.js';
import { TaskExistsError } from '../errors/task-exists-error.js';
import { differingFields } from '../shared/differing-fields.js';
import { startTaskWorkflow } from '../shared/start-task-workflow.js';
import type { Task, TaskSpec } from '../shared/task-definition.js';
import type { TaskTypeLimits } from '../shared/task-type-queues.js';
import { type TaskWorkflowInput, initialStatus } from '../shared/workflow-inputs.js';
import type { DeadlineCaller } from '../temporal/call-with-deadline.js';
import type { DependencyCheck } from './dependency-check.js';
import type { TaskLookup } from './task-lookup.js';
import { newTask } from './task-view.js';

/** Submission result: `created` is false when an identical task already existed (an idempotent retry). */
export interface SubmitResult {
  task: Task;
  created: boolean;
}

export interface TaskSubmissionOptions {
  client: Client;
  lookup: TaskLookup;
  dependencies: DependencyCheck;
  call: DeadlineCaller;
  taskQueue: string;
  typeLimits: TaskTypeLimits;
  /** Told how long each workflow start took, in ms: admission control's signal (AdmissionControl.startTook). */
  onStarted?: (ms: number) => void;
}

/** Starts a task's workflow once its dependencies are known to exist; the write side of the task service. */
export class TaskSubmission {
  constructor(private readonly options: TaskSubmissionOptions) {}

  async submit(spec: TaskSpec): Promise<SubmitResult> {
    if (spec.dependencies.includes(spec.id)) throw new SelfDependencyError(spec.id);
    const { completed_dependencies, relayed_dependencies } = await this.options.dependencies.check(
      spec.dependencies,
    );
    const input: TaskWorkflowInput = {
      spec,
      completed_dependencies,
      ...(relayed_dependencies.length > 0 && { relayed_dependencies }),
    };
    const { client, call, taskQueue, typeLimits, lookup, onStarted } = this.options;
    const startedAt = performance.now();
    const started = await call(() => startTaskWorkflow(client, { taskQueue, input, typeLimits }));
    if (started) {
      onStarted?.(performance.now() - startedAt);
      return { task: newTask(spec, initialStatus(input)), created: true };
    }
    const existing = await lookup.find(spec.id);
    const differences = existing ? differingFields(existing, spec) : ['workflow type'];
    if (!existing || differences.length > 0) throw new TaskExistsError(spec.id, differences);
    return { task: existing, created: false };
  }
}
