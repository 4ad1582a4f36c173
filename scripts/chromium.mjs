// Debian's Chromium, which the browser test of the DAG page (test/integration/dag-page.test.ts) drives through
// playwright-core. Installed with apt-get when missing, as the cluster's PostgreSQL is (src/cluster/postgres-binaries.ts).
// Uses only Node built-ins: it runs before npm packages exist.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where Debian's `chromium` package puts the browser; the test launches exactly this one. */
export const CHROMIUM = '/usr/bin/chromium';
const APT_GET = '/usr/bin/apt-get';

/**
 * Installs the `chromium` package unless CHROMIUM exists. Without apt-get or root it only says what to do: every
 * other test still runs, and the browser test fails naming the missing browser. Throws when apt-get itself fails.
 */
export function ensureChromium({ log }) {
  if (existsSync(CHROMIUM)) return;
  if (!existsSync(APT_GET)) {
    log(`no Chromium at ${CHROMIUM} and no apt-get to install it: the DAG page's browser test will fail`);
    log('  install Chromium so that it is at that path (Debian/Ubuntu: apt-get install chromium)');
    return;
  }
  if (process.getuid?.() !== 0) {
    log(`no Chromium at ${CHROMIUM}; installing it needs root: sudo apt-get install -y chromium`);
    return;
  }
  log('installing Chromium with apt-get (Debian package chromium) for the browser test');
  const install = ['install', '-y', '-qq', '--no-install-recommends', 'chromium'];
  try {
    aptGet(install);
  } catch (err) {
    // Usually stale or missing package lists (a fresh container has none): refresh them once and retry.
    log(`${err.message.split('\n').at(-1)}; updating the package lists and retrying`);
    aptGet(['update', '-qq']);
    aptGet(install);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium, but ${CHROMIUM} does not exist`);
}

/** Runs apt-get quietly; on failure the error carries its output. */
function aptGet(args) {
  try {
    execFileSync(APT_GET, args, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    const output = `${err.stderr ?? ''}${err.stdout ?? ''}`.trim().split('\n').slice(-20).join('\n');
    throw new Error(`apt-get ${args.join(' ')} failed:\n${output}`, { cause: err });
  }
}
