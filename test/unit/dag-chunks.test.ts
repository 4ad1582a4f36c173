import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkBySize } from '../../src/tasks/dag-chunks.js';
import { DagChunks } from '../../workflows/dag-chunks.js';
import { runs } from '../helpers/properties.js';

const bytes = (items: unknown[]) => Buffer.byteLength(JSON.stringify(items));

describe('chunkBySize', () => {
  it('keeps everything in one chunk when it fits, and nothing for nothing', () => {
    expect(chunkBySize(['a', 'b', 'c'], 100)).toEqual([['a', 'b', 'c']]);
    expect(chunkBySize([], 100)).toEqual([]);
  });

  it('starts a new chunk before one would grow past the limit; an item too big alone gets its own', () => {
    expect(chunkBySize(['aaaa', 'bbbb', 'cccc'], 16)).toEqual([['aaaa', 'bbbb'], ['cccc']]);
    expect(chunkBySize(['a', 'x'.repeat(50), 'b'], 16)).toEqual([['a'], ['x'.repeat(50)], ['b']]);
  });

  it('keeps every item, in order, in chunks of JSON no larger than the limit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 30 }), { maxLength: 200 }),
        fc.integer({ min: 40, max: 400 }),
        (items, limit) => {
          const chunks = chunkBySize(items, limit);
          expect(chunks.flat()).toEqual(items);
          for (const chunk of chunks) {
            expect(chunk.length).toBeGreaterThan(0);
            expect(bytes(chunk)).toBeLessThanOrEqual(limit);
          }
        },
      ),
      runs(300),
    );
  });
});

describe('DagChunks (the submission workflow side)', () => {
  const task = (id: string) => ({
    id,
    type: 'T',
    duration_ms: 0,
    dependencies: [],
    max_attempts: 3,
    fail_attempts: 0,
  });

  it('completes once every index arrived, in any order, ignoring duplicates and strangers', () => {
    const chunks = new DagChunks(3);
    chunks.add({ index: 2, tasks: [task('c')] });
    chunks.add({ index: 0, tasks: [task('a')] });
    chunks.add({ index: 0, tasks: [task('other')] }); // a resent chunk: the first copy stays
    chunks.add({ index: 3, tasks: [task('x')] });
    chunks.add({ index: -1, tasks: [task('x')] });
    chunks.add({ index: 1.5, tasks: [task('x')] });
    expect(chunks.complete()).toBe(false);
    expect(chunks.received).toBe(2);
    chunks.add({ index: 1, tasks: [task('b')] });
    expect(chunks.complete()).toBe(true);
    expect([0, 1, 2].map((i) => chunks.take(i)[0]!.id)).toEqual(['a', 'b', 'c']);
  });

  it('hands each chunk out once, and ignores it when it arrives again later', () => {
    const chunks = new DagChunks(1);
    chunks.add({ index: 0, tasks: [task('a')] });
    chunks.take(0);
    chunks.add({ index: 0, tasks: [task('a')] });
    expect(() => chunks.take(0)).toThrow(RangeError);
    expect(chunks.complete()).toBe(true);
  });
});
