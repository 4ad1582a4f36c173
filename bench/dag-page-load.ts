// `npm run bench:dag-page [tasks]`: how the DAG page (GET /) copes with a big DAG. Against a running API (API_URL,
// default http://localhost:3000; API_TOKEN if set), it submits one DAG of `tasks` (default 2,000) 1-ms tasks of a
// type of its own and waits until the list holds every one. It then opens the page in Chromium while the DAG runs
// (time to the first complete drawing, what later sweeps cost), and once more after the DAG finished, on a quiet
// server (the first drawing again, and how long a filter takes). Both also count page errors and CSP violations.
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { projectRoot } from '../src/project-root.js';
import { type PageProblems, launchChromium, watchPage } from '../test/harness/chromium.js';
import { parseDagPageOptions } from './options/dag-page-options.js';
import { UsageError } from './options/usage-error.js';
import { percentiles } from './percentiles.js';

/** Sweeps observed after the first, while the DAG runs. */
const LATER_SWEEPS = 10;
/** Tasks per layer of the DAG; each depends on one or two of the layer before. */
const LAYER_WIDTH = 50;

const { tasks: size, API_URL: apiUrl, API_TOKEN: apiToken } = parseCommandLine();
const headers: Record<string, string> = { 'content-type': 'application/json' };
if (apiToken) headers.authorization = `Bearer ${apiToken}`;
const type = `PAGE-${randomUUID().slice(0, 8)}`;

/** One API call; a 503 or 429 (a dev server busy creating thousands of workflows) is retried after Retry-After. */
async function call<T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { ...headers, ...extra },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if ((res.status === 503 || res.status === 429) && attempt < 30) {
      await sleep(1_000 * Number(res.headers.get('retry-after') ?? 1));
      continue;
    }
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  }
}

/** How many tasks of the DAG's type the list holds now (visibility lags the DAG's creation). */
async function listed(): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ type, limit: '1000' });
    if (cursor) query.set('cursor', cursor);
    const page: { tasks: unknown[]; next_cursor: string | null } = await call(
      'GET',
      `/api/tasks?${query.toString()}`,
    );
    count += page.tasks.length;
    cursor = page.next_cursor;
  } while (cursor);
  return count;
}

const id = (i: number) => `${type}-${i}`;
const dag = Array.from({ length: size }, (_, i) => {
  const layer = Math.floor(i / LAYER_WIDTH);
  const previous = (k: number) => (layer - 1) * LAYER_WIDTH + (k % LAYER_WIDTH);
  const dependencies = layer === 0 ? [] : [...new Set([previous(i), previous(i * 7 + 3)])].map(id);
  return { id: id(i), type, duration_ms: 1, dependencies };
});
const submitted = await call<{ dag_id: string }>(
  'POST',
  '/api/dags',
  { tasks: dag },
  { prefer: 'respond-async' },
);
const submittedAt = performance.now();
while ((await listed()) < size) {
  if (performance.now() - submittedAt > 300_000)
    throw new Error(`${size} tasks not all listed after 5 minutes`);
  await sleep(250);
}
process.stdout.write(
  `${size} tasks of DAG ${submitted.dag_id} listed after ${Math.round(performance.now() - submittedAt)} ms\n`,
);

/** The timings the page records on its `#summary` element, once it has drawn every task. */
async function openPage(browser: Browser) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const problems = await watchPage(page);
  if (apiToken) {
    // As if typed into the page's form: the page keeps the token in sessionStorage.
    await page.addInitScript({
      content: `sessionStorage.setItem('dag-page.api-token', ${JSON.stringify(apiToken)});`,
    });
  }
  await page.goto(`${apiUrl}/`);
  const summary = page.locator('#summary');
  const data = async (name: string) => Number(await summary.getAttribute(`data-${name}`));
  await page.waitForSelector('#summary[data-first-render-ms]', { timeout: 300_000 });
  const [tasks, renderMs, sweepStartMs, readMs, applyMs, layoutMs] = await Promise.all(
    ['tasks', 'first-render-ms', 'first-sweep-ms', 'read-ms', 'apply-ms', 'layout-ms'].map(data),
  );
  const first =
    `first complete drawing of ${tasks} tasks ${renderMs} ms after navigation: ` +
    `${sweepStartMs} ms to the first sweep (page, scripts, counts, settings), list read ${readMs} ms, ` +
    `applied ${applyMs} ms (dagre ${layoutMs} ms), first frame ${renderMs! - sweepStartMs! - readMs! - applyMs!} ms`;
  return { page, problems, data, first };
}

const problemsOf = ({ pageErrors, cspViolations, consoleErrors }: PageProblems) =>
  `page errors: ${pageErrors.length}, CSP violations: ${cspViolations.length}, console errors: ${consoleErrors.length}`;

const browser = await launchChromium();
try {
  const running = await openPage(browser);
  const reads: number[] = [];
  const applies: number[] = [];
  for (let sweep = 2; sweep <= LATER_SWEEPS + 1; sweep++) {
    await running.page.waitForSelector(`#summary[data-sweeps="${sweep}"]`, { timeout: 120_000 });
    reads.push(await running.data('read-ms'));
    applies.push(await running.data('apply-ms'));
  }
  const layouts = (await running.data('layouts')) - 1;
  const row = (name: string, xs: number[]) =>
    `${name} p50 ${percentiles(xs).p50} ms, max ${Math.max(...xs)} ms`;
  process.stdout.write(
    [
      `while the DAG ran: ${running.first}`,
      `  ${LATER_SWEEPS} later sweeps: ${row('read', reads)}; ${row('applied', applies)}; ${layouts} new layouts`,
      `  ${problemsOf(running.problems)}`,
      '',
    ].join('\n'),
  );
  await running.page.close();

  const startedWaiting = performance.now();
  for (;;) {
    const dag = await call<{ finished: boolean }>('GET', `/api/dags/${encodeURIComponent(submitted.dag_id)}`);
    if (dag.finished) break;
    if (performance.now() - startedWaiting > 600_000) throw new Error('the DAG did not finish in 10 minutes');
    await sleep(1_000);
  }
  const quiet = await openPage(browser);
  // A filter applies in one batch; measured up to the next frame, i.e. until the browser could draw it.
  const filterMs = await quiet.page.evaluate(async () => {
    const start = performance.now();
    const page = globalThis as unknown as {
      document: { querySelector(s: string): { click(): void } };
      requestAnimationFrame(callback: () => void): void;
    };
    page.document.querySelector('#status-filter input[value=COMPLETED]').click();
    await new Promise((resolve) => page.requestAnimationFrame(() => resolve(null)));
    return performance.now() - start;
  });
  await quiet.page.locator('#status-filter input[value=COMPLETED]').check();
  await mkdir(join(projectRoot(), 'bench-results'), { recursive: true });
  const screenshot = join('bench-results', `dag-page-${size}.png`);
  await quiet.page.screenshot({ path: join(projectRoot(), screenshot) });
  process.stdout.write(
    [
      `after the DAG finished: ${quiet.first}`,
      `  status filter: ${Math.round(filterMs)} ms to the next frame`,
      `  ${problemsOf(quiet.problems)}`,
      `screenshot: ${screenshot}`,
      '',
    ].join('\n'),
  );
} finally {
  await browser.close();
}

function parseCommandLine() {
  try {
    return parseDagPageOptions(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n\nUsage: npm run bench:dag-page -- [tasks, default 2000]\n`);
    process.exit(2);
  }
}
