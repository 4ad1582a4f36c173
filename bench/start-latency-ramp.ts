// `npm run bench:ramp`: what submissions cost as the rate passes what the engine sustains. Against a running API
// (API_URL, default http://localhost:3000; API_TOKEN if set) with admission control off (ADMISSION_MAX_QUEUED=0,
// ADMISSION_SLOW_SUBMIT_MS=0), it submits independent 0-ms tasks at each rate in turn and prints, every second,
// the submissions answered, their latency p50 and p90, and the completions counted by /api/stats: the evidence
// behind the adaptive rate's signal (docs/performance.md, "The adaptive rate").
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseRampOptions } from './options/ramp-options.js';
import { UsageError } from './options/usage-error.js';

const { API_URL: apiUrl, API_TOKEN: apiToken, rates, seconds } = parseCommandLine();
const headers: Record<string, string> = { 'content-type': 'application/json' };
if (apiToken) headers.authorization = `Bearer ${apiToken}`;
const type = `RAMP-${randomUUID().slice(0, 8)}`;
let submitted = 0;
let latencies: number[] = [];
let answers: Record<string, number> = {};

async function submitOne(): Promise<void> {
  const id = `${type}-${submitted++}`;
  const startedAt = performance.now();
  const status = await fetch(`${apiUrl}/api/tasks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ id, type, duration_ms: 0 }),
  }).then(
    async (res) => (await res.text(), String(res.status)),
    () => 'network',
  );
  answers[status] = (answers[status] ?? 0) + 1;
  if (status === '201') latencies.push(performance.now() - startedAt);
}

async function completed(): Promise<number> {
  const res = await fetch(`${apiUrl}/api/stats`, { headers });
  return ((await res.json()) as { by_status: { COMPLETED: number } }).by_status.COMPLETED;
}

const at = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
process.stdout.write('rate/s  second  answered  p50 ms  p90 ms  completed  answers\n');
let before = await completed();
for (const rate of [...rates, 0]) {
  for (let second = 0; second < (rate === 0 ? 2 * seconds : seconds); second++) {
    const secondStart = performance.now();
    for (let i = 0; i < rate; i++) setTimeout(() => void submitOne(), (i * 1_000) / rate);
    await sleep(1_000 - (performance.now() - secondStart));
    const done = await completed();
    const sorted = latencies.sort((a, b) => a - b);
    const cells = [rate, second, sorted.length, at(sorted, 0.5), at(sorted, 0.9), done - before];
    const line = cells.map((c) => (c === undefined ? '-' : String(Math.round(c)))).join('\t');
    process.stdout.write(`${line}\t${JSON.stringify(answers)}\n`);
    before = done;
    latencies = [];
    answers = {};
  }
}

function parseCommandLine() {
  try {
    return parseRampOptions(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(
      `${err.message}\n\nUsage: npm run bench:ramp -- [rates, default 10,20,30,45,70] [seconds per rate, default 15]\n`,
    );
    process.exit(2);
  }
}
