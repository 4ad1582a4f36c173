// Schema-driven fuzzing of a live API and worker with schemathesis: it reads /openapi.json, sends requests built
// from it (valid, invalid, undeclared methods, and stateful sequences that follow Location and ids), and checks
// every answer against the document: no 5xx, only documented status codes, content types, headers and bodies,
// 405 with Allow for undeclared methods, and a created task readable at once. Settings and the checks relaxed
// (with reasons): tools/schemathesis.toml. Needs `node scripts/install-schemathesis.mjs` (npm run test:fuzz).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { projectRoot } from '../../src/project-root.js';
import { expectApiAlive } from '../helpers/answers.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

const root = projectRoot();
const toolDir = join(root, '.tools', 'schemathesis');
/**
 * Test cases per operation and phase: about 1,700 requests, 90 s on the 2-core machine alone, over 240 s in a CI
 * run after the scale tests (the run's timeout below leaves room for that).
 */
const MAX_EXAMPLES = 100;

let s: Scheduler;
beforeAll(async () => {
  s = await startScheduler('openapi-fuzz');
});
afterAll(() => s?.stop());

/** Runs a command to completion, with stdout and stderr interleaved as a terminal would show them. */
async function run(command: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd: string }) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, output };
}

it('finds no server error and no mismatch between /openapi.json and the API', async () => {
  expect(existsSync(join(toolDir, 'schemathesis')), 'run: node scripts/install-schemathesis.mjs').toBe(true);
  const args = [
    '-m',
    'schemathesis.cli',
    '--config-file',
    join(root, 'tools', 'schemathesis.toml'),
    'run',
    `${s.api.baseUrl}/openapi.json`,
    '--max-examples',
    String(MAX_EXAMPLES),
    '--request-timeout',
    '10', // the API answers within 5 s even when Temporal is unreachable
    '--generation-database',
    'none',
    '--no-color',
    ...(process.env.FUZZ_SEED ? ['--seed', process.env.FUZZ_SEED] : []), // the output names the seed
  ];
  // A scratch working directory: nothing the fuzzer writes lands in the repository.
  const cwd = mkdtempSync(join(tmpdir(), 'openapi-fuzz-'));
  try {
    const python = process.env.PYTHON ?? 'python3';
    const { code, output } = await run(python, args, { env: { ...process.env, PYTHONPATH: toolDir }, cwd });
    const logDir = join(root, '.data', 'test-logs');
    mkdirSync(logDir, { recursive: true });
    writeFileSync(
      join(logDir, `schemathesis-${s.taskQueue}.log`),
      `${python} ${args.join(' ')}\n\n${output}`,
    );
    expect(code, output).toBe(0);
    expect(output).toMatch(/No issues found/);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  await expectApiAlive(s);
}, 600_000);
