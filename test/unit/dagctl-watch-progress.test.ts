// What `dagctl submit --watch` draws: cli-progress bars on a terminal, one line per change anywhere else.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createDagProgress } from '../../src/cli/watch-progress.js';
import type { Dag } from '../../src/shared/dag-definition.js';

function dag(byStatus: Partial<Dag['by_status']>, finished = false): Dag {
  return {
    dag_id: 'nightly',
    status: 'SUBMITTED',
    created_at: '2026-12-03T10:00:00.000Z',
    total: 4,
    by_status: { WAITING: 0, QUEUED: 0, RUNNING: 0, COMPLETED: 0, FAILED: 0, CANCELLED: 0, ...byStatus },
    finished,
    conflicts: [],
  };
}

/** Cursor movements, erasures and colours. */
const ANSI_ESCAPE = new RegExp(`${String.fromCharCode(0x1b)}\\[[0-9;?]*[A-Za-z]`, 'g');

/** A stream that says it is (or is not) a terminal, and keeps what was written to it. */
function stream(isTTY: boolean) {
  const output = Object.assign(new PassThrough(), { isTTY, columns: 100 });
  const chunks: string[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return { output, text: () => chunks.join('') };
}

describe('on a terminal', () => {
  it('draws one bar per status, out of the task count, and leaves the last one on screen', () => {
    const { output, text } = stream(true);
    const progress = createDagProgress(output, 4);
    progress.update(dag({ WAITING: 2, RUNNING: 1, COMPLETED: 1 }));
    progress.update(dag({ COMPLETED: 3, FAILED: 1 }, true));
    progress.stop();
    // The final frame, without cursor movements and colours: one line per status, in lifecycle order.
    const lines = text().replace(ANSI_ESCAPE, '').split(/\r?\n/);
    const last = lines.slice(-7, -1).map((line) => line.replace(/[░█]+/, 'BAR').replace(/ +/g, ' '));
    expect(last).toEqual([
      'WAITING BAR 0/4',
      'QUEUED BAR 0/4',
      'RUNNING BAR 0/4',
      'COMPLETED BAR 3/4',
      'FAILED BAR 1/4',
      'CANCELLED BAR 0/4',
    ]);
  });
});

describe('not on a terminal', () => {
  it('writes the counts once each time they change', () => {
    const { output, text } = stream(false);
    const progress = createDagProgress(output, 4);
    progress.update(dag({ WAITING: 3, QUEUED: 1 }));
    progress.update(dag({ WAITING: 3, QUEUED: 1 }));
    progress.update(dag({ COMPLETED: 4 }, true));
    progress.stop();
    expect(text()).toBe(
      'WAITING 3  QUEUED 1  RUNNING 0  COMPLETED 0  FAILED 0  CANCELLED 0  (of 4)\n' +
        'WAITING 0  QUEUED 0  RUNNING 0  COMPLETED 4  FAILED 0  CANCELLED 0  (of 4)\n',
    );
  });
});
