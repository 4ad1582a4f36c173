import type { DagChunk } from '../src/shared/dag-inputs.js';
import type { SubmitTaskBody } from '../src/shared/task-definition.js';

/**
 * The chunks of a DAG a submission has received. Duplicates (a resubmission resends every chunk) and indexes out of
 * range are ignored; once taken, a chunk is dropped from memory (replay receives it again from the history).
 */
export class DagChunks {
  private readonly held = new Map<number, SubmitTaskBody[]>();
  private readonly seen = new Set<number>();

  constructor(private readonly count: number) {}

  add({ index, tasks }: DagChunk): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.count || this.seen.has(index)) return;
    this.seen.add(index);
    this.held.set(index, tasks);
  }

  /** Chunks received so far. */
  get received(): number {
    return this.seen.size;
  }

  complete(): boolean {
    return this.seen.size === this.count;
  }

  /** The tasks of chunk `index`, once; throws if it never arrived. */
  take(index: number): SubmitTaskBody[] {
    const tasks = this.held.get(index);
    if (tasks === undefined) throw new RangeError(`chunk ${index} is not held`);
    this.held.delete(index);
    return tasks;
  }
}
