// The live DAG page: every POLL_MS it asks GET /api/stats whether anything changed and, if so, reads every task
// from the list endpoint (a sweep), draws them with TaskGraph, and shows the selected one in TaskPanel. Why polling
// and not server-sent events, and what a sweep costs: docs/dag-page.md.
import { ApiClient, MAX_PAGES, UnauthorizedError } from './api-client.js';
import { STATUSES, TaskGraph } from './task-graph.js';
import { TaskPanel } from './task-panel.js';
import { TokenDialog } from './token-dialog.js';

/** From the end of one poll to the start of the next. */
const POLL_MS = 2000;
/**
 * A sweep reads every task: for 2,000 that is two list pages, about 1.5 s of the dev server's time. The counts
 * (six visibility counts, ~25 ms) say whether it is needed: unchanged counts mean no task was added or settled, and
 * nearly always that none changed status. What they can miss (a retry within one poll: RUNNING, QUEUED, RUNNING
 * again) a sweep at least this often catches.
 */
const SWEEP_AT_LEAST_EVERY_MS = 30_000;

document.querySelector('#boot').remove(); // the scripts have loaded
const api = new ApiClient();
const tokenDialog = new TokenDialog(document.querySelector('#token-dialog'));
const summary = document.querySelector('#summary');
const notice = document.querySelector('#notice');
const typeFilter = document.querySelector('#type-filter');
const statusFilter = document.querySelector('#status-filter');

const graph = new TaskGraph(document.querySelector('#graph'), { onTap: (id) => select(id) });
const panel = new TaskPanel(document.querySelector('#panel'), {
  onSelect: (id) => select(id),
  onClose: () => select(null),
});
// For the browser test (test/integration/dag-page.test.ts) and for a look from the console.
window.cy = graph.cy;

let settings = null;
let selected = null;
let panelReads = 0;
let polls = 0;
let checkedAt = null;
let sweeps = 0;
let lastSweep = { counts: null, at: -Infinity };
let timer = null;
let polling = false;

/** Runs an API call, asking for the token (again) each time the API answers 401. */
async function authorized(call) {
  for (;;) {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof UnauthorizedError)) throw err;
      setState('unauthorized', 'the API asks for a token');
      const token = await tokenDialog.ask({ refused: api.hasToken });
      if (token === null) throw err; // dismissed: asked again at the next check
      api.setToken(token);
    }
  }
}

function setState(state, text) {
  summary.dataset.state = state;
  summary.textContent = text;
}

function select(id) {
  selected = id;
  graph.select(id);
  if (id === null) return panel.hide();
  panel.loading(id);
  void readSelected();
}

/** Reads the selected task (GET /api/tasks/:id); an older read answering late is ignored. */
async function readSelected() {
  const id = selected;
  const read = ++panelReads;
  try {
    const task = await authorized(() => api.task(id));
    if (read === panelReads && selected === id) panel.show(task, graph.dependentsOf(id));
  } catch (err) {
    if (read === panelReads) panel.failed(id, err);
  }
}

function currentFilter() {
  const statuses = [...statusFilter.querySelectorAll('input:checked')].map((input) => input.value);
  return { statuses, type: typeFilter.value };
}

/** The legend's counts, and the corner's summary as of the last check. */
function showCounts() {
  const { total, visible, byStatus } = graph.counts();
  for (const status of STATUSES) {
    statusFilter.querySelector(`[data-status="${status}"] .count`).textContent =
      byStatus[status].toLocaleString();
  }
  Object.assign(summary.dataset, { tasks: total, visible });
  if (checkedAt === null || summary.dataset.state !== 'live') return;
  const shown = visible === total ? '' : ` · ${visible.toLocaleString()} shown`;
  summary.textContent = `${total.toLocaleString()} tasks${shown} · checked ${checkedAt.toLocaleTimeString()}`;
}

/** Keeps the type filter's options in line with the types on the page, and its choice. */
function showTypes() {
  const types = graph.types();
  const listed = [...typeFilter.options].slice(1).map((option) => option.value);
  if (types.join('\n') === listed.join('\n')) return;
  const chosen = typeFilter.value;
  typeFilter.replaceChildren(typeFilter.options[0], ...types.map((type) => new Option(type, type)));
  typeFilter.value = types.includes(chosen) ? chosen : '';
}

/** One read of every task, applied to the graph. */
async function sweep() {
  settings ??= await authorized(() => api.settings());
  panel.settings = settings;
  const start = performance.now();
  const { tasks, truncated } = await authorized(() => api.allTasks());
  const read = performance.now();
  const { updated, layoutMs } = graph.update(tasks);
  const applied = performance.now();
  showTypes();
  sweeps += 1;
  if (sweeps === 1) {
    // Once the browser has drawn it: from navigation start to the first complete graph on screen.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    Object.assign(summary.dataset, {
      firstSweepMs: Math.round(start),
      firstRenderMs: Math.round(performance.now()),
    });
  }
  // What this sweep took to read and to apply (the layout included, when one ran): bench/dag-page-load.ts reads them.
  Object.assign(summary.dataset, {
    sweeps,
    layouts: graph.layouts,
    readMs: Math.round(read - start),
    applyMs: Math.round(applied - read),
    layoutMs: layoutMs === null ? '' : Math.round(layoutMs),
  });
  notice.hidden = !truncated;
  notice.textContent = truncated
    ? `Showing the first ${tasks.length.toLocaleString()} tasks (${MAX_PAGES} pages of the list: running first, then the newest).`
    : '';
  if (selected !== null && updated.has(selected)) void readSelected();
}

/** Sweeps when the counts changed since the last sweep, or when it is SWEEP_AT_LEAST_EVERY_MS ago. */
async function check() {
  const counts = JSON.stringify(await authorized(() => api.stats()));
  if (counts !== lastSweep.counts || performance.now() - lastSweep.at >= SWEEP_AT_LEAST_EVERY_MS) {
    // The counts from before the sweep: a change while it reads is seen by the next check.
    lastSweep = { counts, at: performance.now() };
    await sweep();
  }
  polls += 1;
  summary.dataset.polls = polls;
  checkedAt = new Date();
  summary.dataset.state = 'live';
  showCounts();
}

async function poll() {
  timer = null;
  if (polling) return;
  polling = true;
  try {
    await check();
  } catch (err) {
    lastSweep = { counts: null, at: -Infinity }; // what was read before the error may be partial
    if (err instanceof UnauthorizedError) setState('unauthorized', 'the API asks for a token; asking again');
    else setState('error', `cannot read the tasks (${err.message}); retrying`);
  } finally {
    polling = false;
  }
  // A hidden tab costs nothing: polling resumes when it is shown again.
  if (document.visibilityState === 'visible') timer = setTimeout(poll, POLL_MS);
}

statusFilter.addEventListener('change', () => {
  graph.filter(currentFilter());
  showCounts();
});
typeFilter.addEventListener('change', () => {
  graph.filter(currentFilter());
  showCounts();
});
document
  .querySelector('#rank-dir')
  .addEventListener('change', (event) => graph.setRankDir(event.target.value));
document.querySelector('#fit').addEventListener('click', () => graph.fit());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && timer === null) void poll();
});

graph.filter(currentFilter()); // a reload may have kept the choices of the controls
void poll();
