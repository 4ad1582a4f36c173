import type { TaskSpec } from '../../workflows/task-model.js';
import type { Task } from './task-view.js';

/**
 * Fields in which a resubmission differs from the stored task. Dependencies compare as sets: their order carries
 * no meaning. An empty result means the resubmission is an idempotent retry.
 */
export function differingFields(existing: Task, submitted: TaskSpec): string[] {
  const fields = ['type', 'duration_ms', 'max_attempts', 'fail_attempts'] as const;
  const differing: string[] = fields.filter((f) => existing[f] !== submitted[f]);
  const before = new Set(existing.dependencies);
  const sameDependencies =
    before.size === submitted.dependencies.length && submitted.dependencies.every((id) => before.has(id));
  if (!sameDependencies) differing.push('dependencies');
  return differing;
}
