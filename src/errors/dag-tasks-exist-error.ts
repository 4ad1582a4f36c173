/** A task of a DAG submission that exists already with other fields. */
export interface TaskConflict {
  id: string;
  differing_fields: readonly string[];
}

/** Names shown in the message at most; `conflicts` has every one. */
const SHOWN = 5;

/** Thrown when some tasks of a DAG submission reuse the ids of existing tasks but differ from them. */
export class DagTasksExistError extends Error {
  constructor(readonly conflicts: readonly TaskConflict[]) {
    const shown = conflicts.slice(0, SHOWN).map((c) => `"${c.id}" (${c.differing_fields.join(', ')})`);
    const more = conflicts.length > SHOWN ? ` and ${conflicts.length - SHOWN} more` : '';
    super(`tasks already exist with different fields: ${shown.join(', ')}${more}`);
    this.name = 'DagTasksExistError';
  }
}
