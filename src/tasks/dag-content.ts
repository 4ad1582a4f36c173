import { createHash } from 'node:crypto';
import { SUBMITTED_FIELDS, type SubmitTaskBody } from '../shared/task-definition.js';

/** Hex digits of the content hash in a derived DAG id: 128 bits, collision-free for any realistic number of DAGs. */
const DERIVED_ID_HEX_DIGITS = 32;

/**
 * sha256 of the DAG's canonical content: its tasks sorted by id, each with its submitted fields in their defined
 * order (defaults applied) and its dependencies sorted. Two requests whose tasks are the same, in any order and
 * with any dependency order or defaults left out, hash the same; any other difference changes the hash.
 */
export function dagContentHash(tasks: readonly SubmitTaskBody[]): string {
  const canonical = [...tasks]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((task) =>
      SUBMITTED_FIELDS.map((field) => {
        const value = task[field];
        return Array.isArray(value) ? [...value].sort() : (value ?? null);
      }),
    );
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** The id of a DAG submitted without `dag_id`: its content's, so that resubmitting it finds the same DAG. */
export const derivedDagId = (contentHash: string): string =>
  `sha256-${contentHash.slice(0, DERIVED_ID_HEX_DIGITS)}`;
