// `npm run bench:dag`: what whole-DAG submission and priorities buy, measured end to end on a fresh embedded dev
// server with real API and worker processes.
//  1. A seeded random DAG (workload 5's generator) submitted task by task (in dependency order, `--in-flight` at
//     once, as the main bench's load does) and then the same graph under new ids in one POST /api/dags: time to
//     the last acknowledgement, time until every task exists, and makespan (first request to last completion),
//     with DAG ÷ task-by-task ratios from the same run.
//  2. Priority: a one-slot worker busy with a 3-s task, a backlog of priority-5 tasks behind it, then priority-1
//     tasks: how many of the earlier-queued priority-5 tasks each priority-1 task overtook, from start timestamps.
// The client runs in this process (its CPU is not what is compared). Writes bench-results/dag-features-*.json.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { projectRoot } from '../src/project-root.js';
import { taskWorkflowId } from '../src/shared/workflow-ids.js';
import { type RunningScheduler, withScheduler } from '../test/harness/with-scheduler.js';
import { CompletionWaiter } from './completion-waiter.js';
import { type SubmitOutcome, submitInDependencyOrder } from './load/dependency-ordered-submit.js';
import { parseRetryAfter } from './load/retry-policy.js';
import { DAG_FEATURES_USAGE, parseDagFeaturesOptions } from './options/dag-features-options.js';
import { UsageError } from './options/usage-error.js';
import { percentiles } from './percentiles.js';
import { num, textTable } from './text-table.js';
import { randomDagTasks } from './workloads/random-dag.js';

const options = parseCommandLine(process.argv.slice(2));
const runId = Date.now().toString(36);
const TYPE = 'BENCH';
/** Answers a client retries (docs/api.md): admission control, Temporal away. */
const RETRYABLE = new Set([429, 503]);

interface Api {
  url: string;
  post(path: string, body: unknown): Promise<Response>;
  get<T>(path: string): Promise<T>;
}

function apiAt(url: string): Api {
  const headers = { 'content-type': 'application/json' };
  return {
    url,
    post: (path, body) => fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) }),
    async get<T>(path: string) {
      const res = await fetch(`${url}${path}`);
      if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    },
  };
}

/** Seconds since `start` (a performance.now() reading). */
const since = (start: number) => (performance.now() - start) / 1_000;

async function taskByTask(api: Api, running: RunningScheduler, prefix: string) {
  const tasks = randomDagTasks(prefix, options.size, options.seed);
  const waiter = new CompletionWaiter(running.client);
  const start = performance.now();
  const submit = async (task: (typeof tasks)[number]): Promise<SubmitOutcome> => {
    try {
      const res = await api.post('/api/tasks', { ...task, type: TYPE });
      if (res.status === 201 || res.status === 200) return { ok: true };
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
      return { ok: false, retryable: RETRYABLE.has(res.status), retryAfterMs, message: await res.text() };
    } catch (err) {
      return { ok: false, retryable: true, answer: 'network', message: (err as Error).message };
    }
  };
  const result = await submitInDependencyOrder(tasks, options['in-flight'], submit, 0, (task) =>
    waiter.add([taskWorkflowId(task.id)]),
  );
  if (result.error_count > 0) throw new Error(`task by task: ${result.errors.join('; ')}`);
  const acknowledged = since(start);
  await waiter.all();
  return {
    acknowledged_s: acknowledged,
    all_exist_s: acknowledged,
    makespan_s: since(start),
    failed: waiter.failed,
  };
}

async function wholeDag(api: Api, running: RunningScheduler, prefix: string) {
  const tasks = randomDagTasks(prefix, options.size, options.seed).map((task) => ({ ...task, type: TYPE }));
  const dag_id = `${prefix}-dag`;
  const waiter = new CompletionWaiter(running.client);
  const start = performance.now();
  const res = await api.post('/api/dags', { dag_id, tasks });
  if (res.status !== 201 && res.status !== 202) {
    throw new Error(`POST /api/dags answered ${res.status}: ${await res.text()}`);
  }
  const acknowledged = since(start);
  // A 202 means the submission workflow is still starting tasks: follow its link (a bench may poll) until it says
  // SUBMITTED (every task exists). 404 until the submission is visible, 503 while the saturated dev server misses
  // the API's deadline (both retried, as a client would).
  for (;;) {
    const res = await fetch(`${api.url}/api/dags/${dag_id}`);
    if (![200, 404, 503].includes(res.status)) {
      throw new Error(`GET /api/dags answered ${res.status}: ${await res.text()}`);
    }
    if (res.status === 200 && ((await res.json()) as { status: string }).status === 'SUBMITTED') break;
    await sleep(100);
  }
  const allExist = since(start);
  waiter.add(tasks.map((task) => taskWorkflowId(task.id)));
  await waiter.all();
  return {
    acknowledged_s: acknowledged,
    all_exist_s: allExist,
    makespan_s: since(start),
    status: res.status,
    failed: waiter.failed,
  };
}

interface TaskTimes {
  id: string;
  created_at: string;
  started_at: string | null;
}

async function priorityOvertaking(api: Api, running: RunningScheduler) {
  const id = (label: string) => `prio-${runId}-${label}`;
  const post = async (body: Record<string, unknown>) => {
    const res = await api.post('/api/tasks', { type: TYPE, ...body });
    if (res.status !== 201) throw new Error(`submit answered ${res.status}: ${await res.text()}`);
  };
  await post({ id: id('blocker'), duration_ms: 3_000 });
  const backlog = Array.from({ length: options.backlog }, (_, i) => id(`p5-${i}`));
  const urgent = Array.from({ length: options.urgent }, (_, i) => id(`p1-${i}`));
  for (const task of backlog) await post({ id: task, duration_ms: 20, priority: 5 });
  for (const task of urgent) await post({ id: task, duration_ms: 20, priority: 1 });
  const waiter = new CompletionWaiter(running.client);
  waiter.add([id('blocker'), ...backlog, ...urgent].map(taskWorkflowId));
  await waiter.all();
  const read = (ids: string[]) => Promise.all(ids.map((task) => api.get<TaskTimes>(`/api/tasks/${task}`)));
  const [low, high] = [await read(backlog), await read(urgent)];
  const startOf = (task: TaskTimes) => Date.parse(task.started_at!);
  // Every priority-5 task was queued before every priority-1 task: each one starting later was overtaken.
  const overtaken = high.map((task) => low.filter((other) => startOf(other) > startOf(task)).length);
  const wait = (tasks: TaskTimes[]) =>
    percentiles(tasks.map((task) => startOf(task) - Date.parse(task.created_at)));
  return {
    backlog: options.backlog,
    urgent: options.urgent,
    overtaken_per_urgent_task: overtaken,
    overtaken_fraction: overtaken.reduce((a, b) => a + b, 0) / (options.backlog * options.urgent),
    queue_wait_ms: { priority_1: wait(high), priority_5: wait(low) },
  };
}

const dataDir = await mkdtemp(join(tmpdir(), 'bench-dag-'));
const logDir = join(dataDir, 'logs');
await mkdir(logDir, { recursive: true });
const resultsDir = options['results-dir'] ?? join(projectRoot(), 'bench-results');
// A long poll of the completion waiter may still retry after a failure closed the client: report the failure, not
// that.
process.on('uncaughtException', (err) => {
  process.stderr.write(`[bench:dag] after the run: ${err.message}\n`);
  process.exit(1);
});
try {
  const report = await withScheduler(
    {
      temporal: { dataDir, cliPath: options.TEMPORAL_CLI_PATH },
      schedulers: [
        // Admission control off: the whole DAG is QUEUED in waves far larger than a live deployment's limit.
        {
          label: 'dag',
          logDir,
          taskQueue: `bench-dag-${runId}`,
          env: { MAX_CONCURRENT_TASKS: String(options.cap), ADMISSION_MAX_QUEUED: '0', LOG_LEVEL: 'warn' },
        },
        {
          label: 'priority',
          logDir,
          taskQueue: `bench-priority-${runId}`,
          env: { MAX_CONCURRENT_TASKS: '1', LOG_LEVEL: 'warn' },
        },
      ],
    },
    async (running) => {
      const [dagApi, priorityApi] = running.schedulers.map((group) => apiAt(group.api.url));
      process.stderr.write(`[bench:dag] ${options.size} tasks, task by task\n`);
      const byTask = await taskByTask(dagApi!, running, `one-${runId}`);
      process.stderr.write(`[bench:dag] the same DAG in one request\n`);
      const dag = await wholeDag(dagApi!, running, `dag-${runId}`);
      process.stderr.write(
        `[bench:dag] priority: ${options.backlog} + ${options.urgent} tasks on one slot\n`,
      );
      const priority = await priorityOvertaking(priorityApi!, running);
      return { options, task_by_task: byTask, whole_dag: dag, priority };
    },
  );
  const { task_by_task: a, whole_dag: b, priority } = report;
  const row = (name: string, key: 'acknowledged_s' | 'all_exist_s' | 'makespan_s') => [
    name,
    num(a[key], 1),
    num(b[key], 1),
    num(b[key] / a[key], 2),
  ];
  process.stdout.write(
    `${options.size}-task random DAG (seed ${options.seed}), cap ${options.cap}, ${options['in-flight']} in flight\n` +
      textTable(
        ['seconds', 'task by task', 'one POST /api/dags', 'DAG ÷ task by task'],
        [
          row('last acknowledgement', 'acknowledged_s'),
          row('every task exists', 'all_exist_s'),
          row('makespan', 'makespan_s'),
        ],
      ) +
      `\npriority: ${priority.urgent} priority-1 tasks after ${priority.backlog} queued priority-5 ones on one slot:\n` +
      `  overtook ${(priority.overtaken_fraction * 100).toFixed(0)} % of them ` +
      `(per task: ${priority.overtaken_per_urgent_task.join(' ')}); queue wait p50 ` +
      `${num(priority.queue_wait_ms.priority_1.p50)} ms vs ${num(priority.queue_wait_ms.priority_5.p50)} ms\n`,
  );
  const failed = [...a.failed, ...b.failed];
  if (failed.length > 0) throw new Error(`${failed.length} tasks failed, e.g. ${failed[0]}`);
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, `dag-features-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, JSON.stringify(report, null, 2));
  process.stderr.write(`[bench:dag] wrote ${file}\n`);
} catch (err) {
  process.stderr.write(`[bench:dag] failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

function parseCommandLine(argv: string[]) {
  try {
    const parsed = parseDagFeaturesOptions(argv);
    if (parsed !== 'help') return parsed;
    process.stdout.write(DAG_FEATURES_USAGE + '\n');
    process.exit(0);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${DAG_FEATURES_USAGE}\n`);
    process.exit(2);
  }
}
