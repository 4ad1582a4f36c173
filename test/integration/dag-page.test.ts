// The live DAG page (GET /) in a real browser (Debian's Chromium through playwright-core) against a real API and
// worker with API_TOKEN set: the page asks for the token in its form, draws a DAG submitted after it opened and
// follows it live until every node is COMPLETED, colours and links nodes as the API says, filters by type and
// status, and shows the clicked task in its panel, all under the API's unchanged Content-Security-Policy.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/project-root.js';
import { taskWorkflowId } from '../../src/shared/workflow-ids.js';
import { type PageProblems, launchChromium, watchPage } from '../harness/chromium.js';
import type { TaskInput } from '../helpers/api-client.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

const TOKEN = 'dag-page-test-token-0123456789';
const TEMPORAL_UI = 'http://temporal-ui.test:8080';
/**
 * The DAG takes ~1.5 s and the page checks every 2 s, but the page lists every task of the run's dev server: after
 * the other test files, thousands, whose sweeps and layout take seconds each (with 1,500 more: 36 s for this test).
 */
const LIVE_TIMEOUT_MS = 90_000;

/** The little of the page's globals the test reads (its TaskGraph exposes cytoscape as `window.cy`). */
interface PageGlobals {
  cy: {
    $id(id: string): {
      data(key: string): unknown;
      renderedPosition(): { x: number; y: number };
      style(name: string): string;
    };
    edges(selector: string): { length: number };
    container(): { getBoundingClientRect(): { left: number; top: number } };
  };
  document: { querySelector(selector: string): unknown };
  getComputedStyle: (element: unknown) => { backgroundColor: string };
  sessionStorage: { getItem(key: string): string | null };
}
// Functions given to page.evaluate run in the page: they reach its globals through `globalThis`, typed by a cast
// (and cannot call helpers of this file).

let s: Scheduler;
let browser: Browser;
beforeAll(async () => {
  // With a trailing slash, which the API drops before handing the address to the page.
  s = await startScheduler('dag-page', { API_TOKEN: TOKEN, TEMPORAL_UI_URL: `${TEMPORAL_UI}/` });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

const authorized = { authorization: `Bearer ${TOKEN}` };

describe('what is open without the token', () => {
  it('serves the page and its scripts under the CSP, and keeps its settings behind the token', async () => {
    const page = await fetch(`${s.api.baseUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<script src="dag-page/main.js" type="module"></script>');
    // helmet's default policy: scripts from the API's own origin only, no inline code; without
    // upgrade-insecure-requests, which broke the page over plain HTTP from another host.
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("script-src-attr 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    for (const path of [
      '/dag-page/main.js',
      '/dag-page/vendor/cytoscape.min.js',
      '/dag-page/vendor/cytoscape-dagre.js',
    ]) {
      const res = await fetch(`${s.api.baseUrl}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^(text|application)\/javascript/);
    }
    expect((await s.api.request('GET', '/dag-page/settings.json')).status).toBe(401);
    const settings = await s.api.request('GET', '/dag-page/settings.json', { headers: authorized });
    expect(settings).toMatchObject({
      status: 200,
      body: { temporal_ui_url: TEMPORAL_UI, namespace: 'default', workflow_id_prefix: taskWorkflowId('') },
    });
  });
});

describe('the page', () => {
  let page: Page;
  let problems: PageProblems;

  afterAll(() => page?.close());

  /** Submits a diamond with a tail, a → b, c → d → e, plus a task of the same type that fails, outside it. */
  async function submitTasks(type: string) {
    const [a, b, c, d, e, failing] = ['a', 'b', 'c', 'd', 'e', 'fails'].map((label) => s.id(label)) as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const dag: TaskInput[] = [
      { id: e, dependencies: [d] },
      { id: d, dependencies: [b, c] },
      { id: c, dependencies: [a] },
      { id: b, dependencies: [a] },
      { id: a },
    ].map((task) => ({ type, duration_ms: 300, ...task }));
    const post = (path: string, body: unknown) =>
      s.api.request('POST', path, {
        headers: { ...authorized, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const created = await post('/api/dags', { tasks: dag });
    // 202 when a busy server takes over 5 s to create the tasks: they appear on the page when they exist.
    expect([201, 202], JSON.stringify(created.body)).toContain(created.status);
    const fails = await post('/api/tasks', {
      id: failing,
      type,
      duration_ms: 0,
      max_attempts: 1,
      fail_attempts: 1,
    });
    expect(fails.status, JSON.stringify(fails.body)).toBe(201);
    return { a, b, c, d, e, failing };
  }

  const nodeStatus = (id: string) =>
    page.evaluate((node) => (globalThis as unknown as PageGlobals).cy.$id(node).data('status'), id);
  const visibleNodes = () => page.locator('#summary').getAttribute('data-visible');

  /** Clicks a node where cytoscape drew it on its canvas. */
  async function clickNode(id: string) {
    const at = await page.evaluate((node) => {
      const { cy } = globalThis as unknown as PageGlobals;
      const box = cy.container().getBoundingClientRect();
      const position = cy.$id(node).renderedPosition();
      return { x: box.left + position.x, y: box.top + position.y };
    }, id);
    await page.mouse.click(at.x, at.y);
  }

  it(
    'asks for the token in its form, and says when the API refused it',
    async () => {
      page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
      page.setDefaultTimeout(LIVE_TIMEOUT_MS);
      problems = await watchPage(page);
      await page.goto(`${s.api.baseUrl}/`);
      // Its first call answered 401: the form asks for the token.
      await page.waitForSelector('#token-dialog[open]');
      expect(await page.locator('#token-refused').isHidden()).toBe(true);
      await page.fill('#token-dialog input[name=token]', 'not-the-token-0123456789');
      await page.click('#token-dialog button[type=submit]');
      await page.waitForSelector('#token-refused:not([hidden])');
      expect(await page.locator('#token-dialog').getAttribute('open')).not.toBeNull();
      await page.fill('#token-dialog input[name=token]', TOKEN);
      await page.click('#token-dialog button[type=submit]');
      await page.waitForSelector('#summary[data-state=live]');
      expect(await page.locator('#token-dialog').getAttribute('open')).toBeNull();
      // Kept for the tab only.
      expect(
        await page.evaluate(() =>
          (globalThis as unknown as PageGlobals).sessionStorage.getItem('dag-page.api-token'),
        ),
      ).toBe(TOKEN);
    },
    LIVE_TIMEOUT_MS,
  );

  it(
    'follows a DAG submitted after it opened until every node is COMPLETED, coloured and linked',
    async () => {
      // A type of its own: the dev server also holds the tasks of every test file run before this one.
      const type = s.id('page');
      const { a, b, c, d, e, failing } = await submitTasks(type);
      await page.waitForFunction(
        ([dag, fails]) =>
          dag.every(
            (id) => (globalThis as unknown as PageGlobals).cy.$id(id).data('status') === 'COMPLETED',
          ) && (globalThis as unknown as PageGlobals).cy.$id(fails).data('status') === 'FAILED',
        [[a, b, c, d, e], failing] as const,
        { timeout: LIVE_TIMEOUT_MS },
      );
      // An edge from each dependency to its dependent, and no other between them.
      const edge = (source: string, target: string) =>
        page.evaluate(
          ([from, to]) =>
            (globalThis as unknown as PageGlobals).cy.edges(`[source = "${from}"][target = "${to}"]`).length,
          [source, target] as const,
        );
      for (const [source, target] of [
        [a, b],
        [a, c],
        [b, d],
        [c, d],
        [d, e],
      ] as const) {
        expect(await edge(source, target), `${source} → ${target}`).toBe(1);
      }
      expect(await edge(e, d)).toBe(0);
      // Each node has its status's colour, the one the legend shows.
      const colours = await page.evaluate(
        ([completed, fails]) => {
          const { cy, document, getComputedStyle } = globalThis as unknown as PageGlobals;
          const swatch = (status: string) =>
            getComputedStyle(document.querySelector(`[data-status="${status}"] .swatch`)).backgroundColor;
          return {
            completed: cy.$id(completed).style('background-color'),
            completedSwatch: swatch('COMPLETED'),
            failed: cy.$id(fails).style('background-color'),
            failedSwatch: swatch('FAILED'),
          };
        },
        [d, failing] as const,
      );
      const rgb = (colour: string) => colour.replace(/\s/g, '');
      expect(rgb(colours.completed)).toBe(rgb(colours.completedSwatch));
      expect(rgb(colours.failed)).toBe(rgb(colours.failedSwatch));
      expect(rgb(colours.completed)).not.toBe(rgb(colours.failed));

      // Filtered to the type: exactly these six tasks.
      await page.selectOption('#type-filter', type);
      await expect.poll(visibleNodes, { timeout: 10_000 }).toBe('6');
      // The corner says so when the filter hides tasks (this file's tasks are all of them when it runs alone).
      const total = Number(await page.getAttribute('#summary', 'data-tasks'));
      expect(await page.textContent('#summary')).toMatch(
        total === 6 ? /^6 tasks · checked / : /^[\d,]+ tasks · 6 shown · checked /,
      );

      // A click on a node (cytoscape draws on a canvas: at the node's rendered position) opens its panel.
      await clickNode(d);
      await page.waitForSelector(`#panel[data-task-id="${d}"][data-status=COMPLETED]`);
      expect(await page.textContent('#panel [data-field=id]')).toBe(d);
      expect(await page.textContent('#panel [data-field=status]')).toBe('COMPLETED');
      expect(await page.textContent('#panel [data-field=attempts]')).toBe('1 of 3');
      expect(await page.locator('#panel [data-field=dependencies] li').allTextContents()).toEqual(
        [b, c].sort(),
      );
      expect(await page.locator('#panel [data-field=dependents] li').allTextContents()).toEqual([e]);
      expect(await page.getAttribute('#panel-workflow', 'href')).toBe(
        `${TEMPORAL_UI}/namespaces/default/workflows/${encodeURIComponent(taskWorkflowId(d))}`,
      );
      expect(await nodeStatus(d)).toBe('COMPLETED');

      // The failed task's panel carries its error.
      await clickNode(failing);
      await page.waitForSelector(`#panel[data-task-id="${failing}"][data-status=FAILED]`);
      expect(await page.textContent('#panel [data-field=error-code]')).toBe('ATTEMPTS_EXHAUSTED');

      // By status: the legend's checkboxes.
      const status = (value: string) => page.locator(`#status-filter input[value=${value}]`);
      await status('COMPLETED').uncheck();
      await expect.poll(visibleNodes, { timeout: 10_000 }).toBe('1');
      await status('FAILED').uncheck();
      await expect.poll(visibleNodes, { timeout: 10_000 }).toBe('0');
      await status('COMPLETED').check();
      await expect.poll(visibleNodes, { timeout: 10_000 }).toBe('5');
      await status('FAILED').check();
      await expect.poll(visibleNodes, { timeout: 10_000 }).toBe('6');

      await clickNode(d);
      await page.waitForSelector(`#panel[data-task-id="${d}"][data-status=COMPLETED]`);
      const folder = join(projectRoot(), 'test-results');
      await mkdir(folder, { recursive: true });
      await page.screenshot({ path: join(folder, 'dag-page.png') });

      // Nothing broke: no uncaught error, no CSP violation, and no console error but the expected 401s.
      expect(problems.pageErrors).toEqual([]);
      expect(problems.cspViolations).toEqual([]);
      expect(problems.consoleErrors.filter((text) => !/status of 401 \(Unauthorized\)/.test(text))).toEqual(
        [],
      );
    },
    2 * LIVE_TIMEOUT_MS,
  );
});
