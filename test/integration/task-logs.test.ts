// A task's whole life in the logs: the API's and the worker's log files of real processes (.data/test-logs/) hold
// one JSON line per request and per status change, each carrying the task id and its workflow id.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { taskWorkflowId } from '../../src/shared/workflow-ids.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('task-logs');
});
afterAll(() => s?.stop());

type LogLine = Record<string, unknown> & {
  msg: string;
  taskId?: string;
  workflowId?: string;
  status?: string;
};

/** The JSON lines of a log file about `taskId` (the native SDK core writes a few lines that are not JSON). */
function linesOf(logFile: string, taskId: string): LogLine[] {
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine)
    .filter((line) => line.taskId === taskId);
}

/** The statuses a task's workflow logged, in order. */
const statuses = (lines: LogLine[]) =>
  lines.filter((l) => l.msg === 'task started' || l.msg === 'task status changed').map((l) => l.status);

it('finds every request and status change of a task by its id, with its workflow id', async () => {
  const first = s.id('logged-first'); // fails once, then runs long enough to be reported RUNNING
  const second = s.id('logged-second');
  expect((await s.api.submit({ id: first, duration_ms: 400, fail_attempts: 1 })).status).toBe(201);
  expect((await s.api.submit({ id: second, duration_ms: 400, dependencies: [first] })).status).toBe(201);
  await s.settled(first);
  await s.settled(second);

  // Processes write their logs through a pipe into the file: the last lines may land a moment later.
  await expect
    .poll(() => statuses(linesOf(s.worker.logFile, second)), { timeout: 10_000 })
    .toEqual(['WAITING', 'QUEUED', 'RUNNING', 'COMPLETED']);
  await expect
    .poll(() => statuses(linesOf(s.worker.logFile, first)), { timeout: 10_000 })
    .toEqual(['QUEUED', 'QUEUED', 'RUNNING', 'COMPLETED']);

  for (const [id, attempts] of [
    [first, 2],
    [second, 1],
  ] as const) {
    const worker = linesOf(s.worker.logFile, id);
    // Every line, from the workflow and from the work, names the task's workflow.
    expect(
      worker.every((l) => l.workflowId === taskWorkflowId(id)),
      id,
    ).toBe(true);
    expect(worker.filter((l) => l.msg === 'task attempt started')).toHaveLength(attempts);
    expect(worker.filter((l) => l.msg === 'task attempt completed')).toHaveLength(1);

    // One line per request about the task: its submission and the read of settled().
    await expect.poll(() => linesOf(s.apiProcess.logFile, id).length, { timeout: 10_000 }).toBe(2);
    const api = linesOf(s.apiProcess.logFile, id);
    expect(api.every((l) => l.workflowId === taskWorkflowId(id) && l.msg === 'request completed')).toBe(true);
    const requests = api.map((l) => l.req as { method: string; url: string });
    expect(requests.map((r) => r.method)).toEqual(['POST', 'GET']);
  }
  const attemptFailed = linesOf(s.worker.logFile, first).filter((l) => l.msg === 'task attempt failed');
  expect(attemptFailed).toMatchObject([{ attempt: 1 }]);
});
