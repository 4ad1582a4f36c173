import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './run-command.js';
import { withEnv } from './with-env.js';

const DEBIAN_POSTGRES = '/usr/lib/postgresql';
const NEEDED = ['initdb', 'pg_ctl', 'postgres', 'psql'] as const;

/** Programs of one installed PostgreSQL major version. */
export type PostgresBinaries = Record<(typeof NEEDED)[number], string> & { version: number };

/** The newest PostgreSQL under /usr/lib/postgresql (Debian's layout) having every program needed, if any. */
export function findPostgresBinaries(): PostgresBinaries | undefined {
  if (!existsSync(DEBIAN_POSTGRES)) return undefined;
  const versions = readdirSync(DEBIAN_POSTGRES)
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .sort((a, b) => b - a);
  for (const version of versions) {
    const bin = join(DEBIAN_POSTGRES, String(version), 'bin');
    if (NEEDED.every((name) => existsSync(join(bin, name)))) {
      return {
        version,
        ...(Object.fromEntries(NEEDED.map((name) => [name, join(bin, name)])) as Record<
          (typeof NEEDED)[number],
          string
        >),
      };
    }
  }
  return undefined;
}

/**
 * Installs Debian's `postgresql` package when no server is installed. The package also creates and starts a
 * default cluster (port 5432); the project never uses it, it runs its own data directory and port.
 */
export async function ensurePostgresBinaries(log: (message: string) => void): Promise<PostgresBinaries> {
  const found = findPostgresBinaries();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error(
      'PostgreSQL is not installed and installing it needs root: apt-get install -y postgresql',
    );
  }
  log('installing PostgreSQL with apt-get (Debian package postgresql)');
  const noninteractive = { DEBIAN_FRONTEND: 'noninteractive' };
  for (const apt of [['update'], ['install', '-y', '--no-install-recommends', 'postgresql']]) {
    const { command, args } = withEnv(noninteractive, 'apt-get', apt);
    await runCommand(command, args);
  }
  const installed = findPostgresBinaries();
  if (!installed)
    throw new Error(`apt-get installed postgresql, but ${DEBIAN_POSTGRES}/*/bin lacks ${NEEDED.join(', ')}`);
  return installed;
}
