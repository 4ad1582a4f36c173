import { SUBMITTED_FIELDS, type SubmitTaskBody } from './task-definition.js';

/**
 * Submitted fields in which a resubmission differs from the stored task, in their defined order. Lists compare as
 * sets: the order of dependencies carries no meaning. An empty result means the resubmission is an idempotent
 * retry.
 */
export function differingFields(existing: SubmitTaskBody, submitted: SubmitTaskBody): string[] {
  return SUBMITTED_FIELDS.filter((field) => !sameValue(existing[field], submitted[field]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const before = new Set<unknown>(a);
    return before.size === b.length && b.every((item) => before.has(item));
  }
  return a === b;
}
