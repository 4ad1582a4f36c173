import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { copyTree } from './copy-tree.js';
import { goInstall } from './go-install.js';
import { runCommand } from './run-command.js';

/**
 * The pinned Temporal server. v1.32.2 needs go 1.26.10; v1.32.1 builds with go 1.26.8. docker-compose.yml runs the
 * same version (temporalio/server and temporalio/admin-tools images).
 */
export const TEMPORAL_SERVER_VERSION = 'v1.32.1';
const MODULE = 'go.temporal.io/server';

export interface TemporalServerBinaries {
  /** `cmd/server`: all services (frontend, history, matching, worker) in one binary. */
  server: string;
  /** `cmd/tools/sql`: temporal-sql-tool, which creates and migrates the schemas. */
  sqlTool: string;
  /** `schema/postgresql/v12` of the module source, copied next to the binaries (holds temporal/ and visibility/). */
  postgresSchemaDir: string;
}

/** Where the binaries of the pinned version live under `toolsDir`, built or not. */
export function temporalServerBinaries(toolsDir: string): TemporalServerBinaries {
  const root = join(toolsDir, `temporal-server-${TEMPORAL_SERVER_VERSION}`);
  return {
    server: join(root, 'bin', 'server'),
    sqlTool: join(root, 'bin', 'sql'),
    postgresSchemaDir: join(root, 'schema', 'postgresql', 'v12'),
  };
}

/** Builds the server and the SQL tool unless both are cached, and copies the PostgreSQL schema next to them. */
export async function ensureTemporalServerBinaries(
  toolsDir: string,
  log: (message: string) => void,
): Promise<TemporalServerBinaries> {
  const binaries = temporalServerBinaries(toolsDir);
  const root = join(toolsDir, `temporal-server-${TEMPORAL_SERVER_VERSION}`);
  if (!existsSync(binaries.server) || !existsSync(binaries.sqlTool)) {
    log(
      `building Temporal server ${TEMPORAL_SERVER_VERSION} from the Go module (several minutes the first time)`,
    );
    await goInstall({
      gobin: join(root, 'bin'),
      packages: [
        `${MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}`,
        `${MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`,
      ],
      logFile: join(root, 'build.log'),
      log,
    });
  }
  if (!existsSync(join(binaries.postgresSchemaDir, 'visibility', 'versioned'))) {
    const source = await moduleSource();
    // Copy under a temporary name first: a half-copied schema must not look complete to the next run.
    const partial = `${binaries.postgresSchemaDir}.partial`;
    rmSync(partial, { recursive: true, force: true });
    copyTree(join(source, 'schema', 'postgresql', 'v12'), partial);
    renameSync(partial, binaries.postgresSchemaDir);
  }
  return binaries;
}

/** The module's source in the Go module cache, downloading it when the cache was cleaned since the build. */
async function moduleSource(): Promise<string> {
  const { stdout } = await runCommand('go', [
    'mod',
    'download',
    '-json',
    `${MODULE}@${TEMPORAL_SERVER_VERSION}`,
  ]);
  const { Dir } = JSON.parse(stdout) as { Dir?: string };
  if (!Dir) throw new Error(`go mod download did not report where ${MODULE}@${TEMPORAL_SERVER_VERSION} is`);
  return Dir;
}
