import type { WorkflowExecutionDescription } from '@temporalio/client';
import pLimit from 'p-limit';
import { UnknownDependencyError } from '../errors/unknown-dependency-error.js';
import type { ExternalDependencies } from '../shared/dag-inputs.js';
import { statusOf } from '../shared/task-execution.js';
import { TaskStatus } from '../shared/task-status.js';
import type { TaskLookup } from './task-lookup.js';

/** Dependency look-ups in flight at once while validating one submission. */
const DEPENDENCY_LOOKUP_CONCURRENCY = 32;

/**
 * Looks up the dependencies of a submission that already exist, once, before the API answers: a single task's, or
 * those of a DAG that name tasks outside it.
 */
export class DependencyCheck {
  constructor(
    private readonly lookup: TaskLookup,
    /** New dependents of a task whose history holds more events than this subscribe through its relay workflow. */
    private readonly relayAfterHistoryEvents: number,
  ) {}

  /**
   * Describes every dependency and throws naming all unknown ones. Returns those already COMPLETED (nothing to wait
   * for) and those whose history is already long: a new dependent reaches them through their relay, so that a task
   * with thousands of dependents never takes thousands of subscriptions into its own history.
   */
  async check(ids: readonly string[]): Promise<ExternalDependencies> {
    const limit = pLimit(DEPENDENCY_LOOKUP_CONCURRENCY);
    const found = await Promise.all(ids.map((id) => limit(() => this.lookup.describe(id))));
    const missing = ids.filter((_, i) => found[i] === undefined);
    if (missing.length > 0) throw new UnknownDependencyError(missing);
    const described = found as WorkflowExecutionDescription[];
    const completed = ids.filter((_, i) => statusOf(described[i]!) === TaskStatus.COMPLETED);
    const relayed = ids.filter(
      (_, i) =>
        statusOf(described[i]!) !== TaskStatus.COMPLETED &&
        described[i]!.historyLength > this.relayAfterHistoryEvents,
    );
    return { completed_dependencies: completed, relayed_dependencies: relayed };
  }
}
