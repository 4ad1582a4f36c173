// The test oracle for POST /api/tasks: what the API must answer to a parsed JSON body, given every task the
// test has created so far. Written from the README's contract, not from the implementation (only the task
// definition is shared, as the one definition of a valid body and of its fields).
import { SUBMITTED_FIELDS, type SubmitTaskBody, submitTaskSchema } from '../../src/shared/task-definition.js';

/** The fields of a task that its submission fixes (what GET must return as submitted). */
export type SubmittedFields = SubmitTaskBody;

export type ExpectedAnswer =
  | { status: 201; task: SubmittedFields }
  | { status: 200; task: SubmittedFields }
  | { status: 400; code: 'VALIDATION_ERROR'; fields: string[] | undefined }
  | { status: 409; code: 'TASK_EXISTS'; differing: string[] }
  | { status: 422; code: 'SELF_DEPENDENCY' }
  | { status: 422; code: 'UNKNOWN_DEPENDENCY'; missing: string[] };

/** Fields of a resubmission that differ from the stored task; lists (dependencies) compare as sets. */
function differing(stored: SubmittedFields, submitted: SubmittedFields): string[] {
  const sameAsSet = (a: readonly unknown[], b: readonly unknown[]) =>
    new Set(a).size === b.length && b.every((item) => a.includes(item));
  return SUBMITTED_FIELDS.filter((field) => {
    const [before, after] = [stored[field], submitted[field]];
    return Array.isArray(before) && Array.isArray(after) ? !sameAsSet(before, after) : before !== after;
  });
}

export class SubmissionModel {
  private readonly created = new Map<string, SubmittedFields>();

  /** `existing`: tasks created before the properties run, usable as dependencies. */
  constructor(existing: SubmittedFields[] = []) {
    for (const task of existing) this.created.set(task.id, task);
  }

  /** The task the test created with this id, if any. */
  task(id: string): SubmittedFields | undefined {
    return this.created.get(id);
  }

  /**
   * The answer to a body the server parsed into `body` (`undefined`: not JSON at all). Body-parser's strict mode
   * accepts only an object or an array at the top, and an empty body counts as `{}`.
   */
  expect(body: unknown): ExpectedAnswer {
    if (typeof body !== 'object' || body === null) {
      return { status: 400, code: 'VALIDATION_ERROR', fields: undefined };
    }
    const parsed = submitTaskSchema.safeParse(body);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => (i.path.length > 0 ? i.path.join('.') : 'body'));
      return { status: 400, code: 'VALIDATION_ERROR', fields: [...new Set(fields)].sort() };
    }
    const task = parsed.data;
    if (task.dependencies.includes(task.id)) return { status: 422, code: 'SELF_DEPENDENCY' };
    const missing = task.dependencies.filter((d) => !this.created.has(d));
    if (missing.length > 0) return { status: 422, code: 'UNKNOWN_DEPENDENCY', missing };
    const stored = this.created.get(task.id);
    if (!stored) return { status: 201, task };
    const diff = differing(stored, task);
    return diff.length === 0
      ? { status: 200, task: stored }
      : { status: 409, code: 'TASK_EXISTS', differing: diff.sort() };
  }

  /** Records a task the server created. */
  record(task: SubmittedFields): void {
    this.created.set(task.id, task);
  }
}

/** What the server parses out of the JSON text of `value` (JSON.stringify drops undefined, -0 becomes 0...). */
export const overTheWire = (value: unknown): unknown => {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
};
