// dagctl end to end: the compiled CLI as a child process against a real API and worker that require a token, from
// a YAML or JSON file to the exit code. Tasks get types unique to this run, so that the list sees only them.
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskDetail } from '../../src/shared/task-definition.js';
import { taskWorkflowId } from '../../src/shared/workflow-ids.js';
import { freePort } from '../harness/free-port.js';
import { type DagctlRun, dagctl, taskFileFolder } from '../helpers/dagctl.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

const TOKEN = 'dagctl-test-token-0123456789';

let s: Scheduler;
let files: Awaited<ReturnType<typeof taskFileFolder>>;
beforeAll(async () => {
  [s, files] = await Promise.all([startScheduler('dagctl', { API_TOKEN: TOKEN }), taskFileFolder()]);
});
afterAll(async () => {
  await s?.stop();
  await files?.remove();
});

/** dagctl against this scheduler's API, with the token from the environment as a user would set it. */
const run = (...args: string[]) => dagctl(['--api', s.api.baseUrl, ...args], { API_TOKEN: TOKEN });

/** Asserts the exit code, showing what dagctl printed when it is another. */
function expectExit(result: DagctlRun, code: number): DagctlRun {
  expect(result.code, `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toBe(code);
  return result;
}

/** The task as `dagctl status --json` prints it, once its workflow has closed (Temporal's long poll). */
async function settled(id: string): Promise<TaskDetail> {
  await s.client.workflow
    .getHandle(taskWorkflowId(id))
    .result()
    .catch((err: unknown) => {
      if (!(err instanceof WorkflowFailedError)) throw err;
    });
  return JSON.parse(expectExit(await run('--json', 'status', id), 0).stdout) as TaskDetail;
}

describe('submit --watch', () => {
  it('runs a YAML DAG to the end, shows its progress, and exits 0 when every task completed', async () => {
    const [dagId, type] = [s.id('etl'), s.id('CLI')];
    const [extract, transform, load, report] = ['extract', 'transform', 'load', 'report'].map((l) => s.id(l));
    const file = await files.write(
      'etl.yaml',
      [
        `dag_id: ${dagId}`,
        'tasks:',
        `  - { id: ${report}, type: ${type}, duration_ms: 50, dependencies: [${load}, ${transform}] }`,
        `  - { id: ${load}, type: ${type}, duration_ms: 150, dependencies: [${transform}] }`,
        `  - { id: ${transform}, type: ${type}, duration_ms: 150, dependencies: [${extract}] }`,
        `  - id: ${extract}`,
        `    type: ${type}`,
        '    duration_ms: 300',
      ].join('\n'),
    );

    const { stdout, stderr } = expectExit(await run('submit', file, '--watch', '--interval', '100'), 0);
    expect(stdout).toContain(`DAG ${dagId}: 4 tasks created (3 WAITING, 1 QUEUED)`);
    expect(stdout).toContain(`DAG ${dagId} finished: 4 COMPLETED (of 4)`);
    // Not a terminal: one line of counts per change, the last one all COMPLETED.
    expect(stderr.trim().split('\n').at(-1)).toBe(
      'WAITING 0  QUEUED 0  RUNNING 0  COMPLETED 4  FAILED 0  CANCELLED 0  (of 4)',
    );

    const status = expectExit(await run('status', report!), 0).stdout;
    expect(status).toMatch(new RegExp(`^status +COMPLETED$`, 'm'));
    expect(status).toMatch(new RegExp(`^dependencies +${load}, ${transform}$`, 'm'));
    expect(status).toMatch(/^waiting_on +-$/m);

    // Two tasks a page: the list follows next_cursor to the last page.
    const listed = expectExit(await run('list', '--type', type, '--limit', '2', '--all'), 0).stdout.split(
      '\n',
    );
    expect(listed[0]).toMatch(/^ID +TYPE +STATUS +ATTEMPTS +CREATED_AT +ERROR$/);
    expect(listed.slice(1, -1).map((line) => line.split(/ +/).slice(0, 3))).toEqual(
      expect.arrayContaining([extract, transform, load, report].map((id) => [id, type, 'COMPLETED'])),
    );
    expect(listed).toHaveLength(6); // header, 4 tasks, the final newline

    const stats = expectExit(await run('stats'), 0).stdout;
    expect(stats).toMatch(/^COMPLETED +\d+$/m);
    const counts = JSON.parse(expectExit(await run('--json', 'stats'), 0).stdout) as { total: number };
    expect(counts.total).toBeGreaterThanOrEqual(4);

    // The same file again is the same DAG: nothing new is created.
    const again = expectExit(await run('submit', file), 0).stdout;
    expect(again).toContain(`DAG ${dagId}: submitted before; its 4 tasks now: 4 COMPLETED`);
  });

  it('exits 1 when a task fails, naming the failed tasks and why', async () => {
    const [bad, child] = [s.id('bad'), s.id('child')];
    const file = await files.write(
      'failing.json',
      JSON.stringify([
        { id: bad, type: 'IO', duration_ms: 10, max_attempts: 1, fail_attempts: 1 },
        { id: child, type: 'IO', duration_ms: 10, dependencies: [bad] },
      ]),
    );
    const { stdout } = expectExit(await run('submit', '--watch', file), 1);
    expect(stdout).toMatch(/ finished: 2 FAILED \(of 2\)$/m);
    expect(stdout).toMatch(new RegExp(`^ +FAILED +${bad} +ATTEMPTS_EXHAUSTED: all 1 attempts failed`, 'm'));
    expect(stdout).toMatch(
      new RegExp(`^ +FAILED +${child} +DEPENDENCY_FAILED: dependency "${bad}" failed$`, 'm'),
    );
  });
});

describe('submit, status and cancel', () => {
  it('submits without waiting, shows what a task waits on, and cancels with cascade', async () => {
    const [long, child] = [s.id('long'), s.id('after-long')];
    const file = await files.write(
      'long.yaml',
      `- { id: ${long}, type: IO, duration_ms: 60000 }\n- { id: ${child}, type: IO, duration_ms: 10, dependencies: [${long}] }\n`,
    );
    const submitted = expectExit(await run('submit', file), 0).stdout;
    expect(submitted).toMatch(/^DAG sha256-[0-9a-f]{32}: 2 tasks created \(1 WAITING, 1 QUEUED\)$/m);
    expect(expectExit(await run('status', child), 0).stdout).toMatch(
      new RegExp(`^waiting_on +${long} \\((QUEUED|RUNNING)\\)$`, 'm'),
    );

    // --token on the command line this time, over an environment without it.
    const cancelled = await dagctl(['--api', s.api.baseUrl, '--token', TOKEN, 'cancel', long, '--cascade']);
    expect(expectExit(cancelled, 0).stdout).toMatch(
      new RegExp(
        `^task ${long}: (CANCELLED \\(cancelled by request\\)|RUNNING; its work is being stopped.*)$`,
        'm',
      ),
    );
    expect(await settled(long)).toMatchObject({ status: 'CANCELLED' });
    expect(await settled(child)).toMatchObject({
      status: 'CANCELLED',
      error: { code: 'CANCELLED', message: `dependency "${long}" was cancelled with cascade` },
    });
    const status = expectExit(await run('status', child), 0).stdout;
    expect(status).toContain(`CANCELLED: dependency "${long}" was cancelled with cascade`);
  });

  it('prints API errors as CODE: message and exits 3', async () => {
    const done = s.id('done');
    expectExit(
      await run(
        'submit',
        '--watch',
        await files.write('done.yaml', `[{id: ${done}, type: IO, duration_ms: 0}]`),
      ),
      0,
    );
    const settledAlready = expectExit(await run('cancel', done), 3);
    expect(settledAlready.stderr).toBe(`dagctl: TASK_SETTLED: task "${done}" is already COMPLETED\n`);

    const missing = expectExit(await run('status', s.id('nope')), 3);
    expect(missing.stderr).toMatch(/^dagctl: NOT_FOUND: task ".+" does not exist\n$/);

    const noToken = expectExit(await dagctl(['--api', s.api.baseUrl, 'stats']), 3);
    expect(noToken.stderr).toBe('dagctl: UNAUTHORIZED: missing or invalid bearer token\n');

    const unknown = await files.write(
      'unknown.yaml',
      `- {id: ${s.id('orphan')}, type: IO, duration_ms: 0, dependencies: [${s.id('ghost')}]}`,
    );
    expect(expectExit(await run('submit', unknown), 3).stderr).toMatch(
      /^dagctl: UNKNOWN_DEPENDENCY: unknown dependencies: /,
    );
  });
});

describe('errors before any request', () => {
  it.each([
    ['missing.yaml', null, /^dagctl: .+missing\.yaml: no such file\n$/],
    [
      'broken.yaml',
      '- id: a\n  type: IO\n   duration_ms: 3\n',
      /: invalid YAML at line 2, column 9: Nested mappings/,
    ],
    ['broken.json', '[{"id": "a" "type": "IO"}]', /: invalid JSON at line 1, column 13: Expected ',' or '}'/],
    [
      'object.json',
      '{"task": []}',
      /: expected a list of tasks, or an object with a "tasks" list; got an object/,
    ],
    [
      'fields.yaml',
      '- {id: a, type: IO}',
      /: not a valid DAG: tasks\.0\.duration_ms: Invalid input: expected number/,
    ],
  ])('rejects %s with exit code 2 and one clear line', async (name, content, message) => {
    const path = content === null ? files.path(name) : await files.write(name, content);
    const { stderr, stdout } = expectExit(await run('submit', path), 2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stdout).toBe('');
  });

  it('says which API it cannot reach, and exits 3', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const { stderr } = expectExit(await dagctl(['--api', url, 'list']), 3);
    expect(stderr).toBe(`dagctl: cannot reach the API at ${url}: connect ECONNREFUSED ${url.slice(7)}\n`);
  });

  it('exits 2 on a wrong command line', async () => {
    const { stderr } = expectExit(await run('list', '--status', 'DONE'), 2);
    expect(stderr).toContain("argument 'DONE' is invalid. Allowed choices are WAITING, QUEUED, RUNNING,");
  });
});
