// `dagctl submit --watch` against a scripted API, for the answers a real one gives only under load: a 503 to retry
// after Retry-After, a 202 whose Location is followed (and not found for a moment), then a DAG that ends badly.
import { once } from 'node:events';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runDagctl } from '../../src/cli/run-dagctl.js';
import type { Dag } from '../../src/shared/dag-definition.js';

const TOKEN = 'a-token-of-sixteen-chars';
const counts = { WAITING: 0, QUEUED: 0, RUNNING: 0, COMPLETED: 0, FAILED: 0, CANCELLED: 0 };
const dag = (status: Dag['status'], byStatus: Partial<typeof counts>, finished: boolean): Dag => ({
  dag_id: 'nightly',
  status,
  created_at: '2026-12-03T10:00:00.000Z',
  total: 2,
  by_status: { ...counts, ...byStatus },
  finished,
  conflicts: [],
});
const task = (id: string, error: { code: string; message: string } | null) => ({
  id,
  type: 'IO',
  duration_ms: 10,
  dependencies: [],
  max_attempts: 1,
  fail_attempts: 0,
  status: error ? 'FAILED' : 'COMPLETED',
  attempts: 1,
  created_at: '2026-12-03T10:00:00.000Z',
  started_at: '2026-12-03T10:00:01.000Z',
  completed_at: '2026-12-03T10:00:02.000Z',
  error,
  waiting_on: [],
});

/** What the scripted API answers, in order, to each request line; and the requests it received. */
const script: Record<string, [number, unknown, Record<string, string>?][]> = {
  'POST /prefix/api/dags': [
    [503, { error: { code: 'TEMPORAL_UNAVAILABLE', message: 'retry' } }, { 'retry-after': '1' }],
    [202, dag('SUBMITTING', {}, false), { location: '/prefix/api/dags/nightly' }],
  ],
  'GET /prefix/api/dags/nightly': [
    [404, { error: { code: 'NOT_FOUND', message: 'DAG "nightly" does not exist' } }],
    [200, dag('SUBMITTING', { QUEUED: 1 }, false)],
    [200, dag('SUBMITTED', { COMPLETED: 1, FAILED: 1 }, true)],
  ],
  'GET /prefix/api/tasks/a': [[200, task('a', null)]],
  'GET /prefix/api/tasks/b': [
    [200, task('b', { code: 'ATTEMPTS_EXHAUSTED', message: 'all 1 attempts failed' })],
  ],
};
const received: { line: string; authorization?: string; body: string }[] = [];

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const line = `${req.method} ${req.url}`;
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    received.push({ line, authorization: req.headers.authorization, body: Buffer.concat(chunks).toString() });
    const [status, body, headers] = script[line]?.shift() ?? [
      500,
      { error: { code: 'INTERNAL', message: line } },
    ];
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  });
});
let api: string;
beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prefix`;
});
afterAll(() => server.close());

it('retries a 503, follows the Location of a 202 until the DAG finishes, and exits 1 naming the failed task', async () => {
  const [stdout, stderr] = [new PassThrough({ encoding: 'utf8' }), new PassThrough({ encoding: 'utf8' })];
  const file = '[{"id": "a", "type": "IO", "duration_ms": 10}, {"id": "b", "type": "IO", "duration_ms": 10}]';
  const argv = [
    'node',
    'dagctl',
    '--api',
    api,
    '--token',
    TOKEN,
    'submit',
    '-',
    '--watch',
    '--interval',
    '100',
  ];
  const code = await runDagctl(argv, { stdin: Readable.from([file]), stdout, stderr });

  expect(code).toBe(1);
  expect(stdout.read()).toBe(
    `DAG nightly: accepted; its 2 tasks are being created (progress: ${api}/api/dags/nightly)\n` +
      'DAG nightly finished: 1 COMPLETED, 1 FAILED (of 2)\n' +
      '  FAILED  b  ATTEMPTS_EXHAUSTED: all 1 attempts failed\n',
  );
  expect(stderr.read()).toBe(
    'WAITING 0  QUEUED 1  RUNNING 0  COMPLETED 0  FAILED 0  CANCELLED 0  (of 2)\n' +
      'WAITING 0  QUEUED 0  RUNNING 0  COMPLETED 1  FAILED 1  CANCELLED 0  (of 2)\n',
  );
  expect(received.map((r) => r.line)).toEqual([
    'POST /prefix/api/dags',
    'POST /prefix/api/dags',
    ...Array<string>(3).fill('GET /prefix/api/dags/nightly'),
    'GET /prefix/api/tasks/a',
    'GET /prefix/api/tasks/b',
  ]);
  expect(new Set(received.map((r) => r.authorization))).toEqual(new Set([`Bearer ${TOKEN}`]));
  // The same body both times, defaults applied: the retry is an idempotent resubmission.
  expect(JSON.parse(received[1]!.body)).toEqual(JSON.parse(received[0]!.body));
  expect(JSON.parse(received[0]!.body)).toMatchObject({ tasks: [{ id: 'a', max_attempts: 3 }, { id: 'b' }] });
});
