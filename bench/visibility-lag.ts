// `npm run bench:visibility`: how far list and stats lag a write. Against a running API (API_URL, default
// http://localhost:3000; API_TOKEN if set), it submits tasks of a unique type one at a time and measures how long
// each takes to appear in `GET /api/tasks?type=…` and as COMPLETED there, polling every 10 ms.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseVisibilityOptions } from './options/visibility-options.js';
import { UsageError } from './options/usage-error.js';
import { percentiles } from './percentiles.js';

const { API_URL: apiUrl, API_TOKEN: apiToken, samples } = parseCommandLine();
const headers: Record<string, string> = { 'content-type': 'application/json' };
if (apiToken) headers.authorization = `Bearer ${apiToken}`;
const type = `VIS-${randomUUID().slice(0, 8)}`;

/** Milliseconds until `check` holds, polling every 10 ms for at most 30 s. */
async function timeUntil(check: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > 30_000) throw new Error('not visible after 30 s');
    await sleep(10);
  }
  return performance.now() - start;
}

const listed = async (id: string, status?: string) => {
  const query = new URLSearchParams({ type, limit: '1000', ...(status ? { status } : {}) });
  const res = await fetch(`${apiUrl}/api/tasks?${query.toString()}`, { headers });
  const body = (await res.json()) as { tasks: { id: string }[] };
  return body.tasks.some((t) => t.id === id);
};

const appear: number[] = [];
const complete: number[] = [];
for (let i = 0; i < samples; i++) {
  const id = `${type}-${i}`;
  const res = await fetch(`${apiUrl}/api/tasks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ id, type, duration_ms: 0 }),
  });
  if (res.status !== 201) throw new Error(`submit answered ${res.status}: ${await res.text()}`);
  appear.push(await timeUntil(() => listed(id)));
  // From the moment GET (strongly consistent) says COMPLETED to the moment the list filter does.
  await timeUntil(async () => {
    const task = (await (await fetch(`${apiUrl}/api/tasks/${id}`, { headers })).json()) as { status: string };
    return task.status === 'COMPLETED';
  });
  complete.push(await timeUntil(() => listed(id, 'COMPLETED')));
}
const row = (name: string, xs: number[]) => {
  const { p50, p99 } = percentiles(xs);
  return `${name}: p50 ${p50?.toFixed(0)} ms, p99 ${p99?.toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`;
};
process.stdout.write(`${samples} samples against ${apiUrl}\n${row('created -> listed', appear)}\n`);
process.stdout.write(`${row('COMPLETED in GET -> COMPLETED in list', complete)}\n`);

function parseCommandLine() {
  try {
    return parseVisibilityOptions(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n\nUsage: npm run bench:visibility -- [samples, default 30]\n`);
    process.exit(2);
  }
}
