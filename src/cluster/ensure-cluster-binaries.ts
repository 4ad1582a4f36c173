import { join } from 'node:path';
import { projectRoot } from '../project-root.js';
import { type PostgresBinaries, ensurePostgresBinaries } from './postgres-binaries.js';
import { type TemporalServerBinaries, ensureTemporalServerBinaries } from './temporal-server-binaries.js';
import { ensureUiServerBinary } from './ui-server-binary.js';

/** The binary cache unless CLUSTER_TOOLS_DIR names another: git-ignored, next to the Temporal CLI. */
export function defaultToolsDir(): string {
  return join(projectRoot(), '.tools');
}

export interface ClusterBinaries {
  postgres: PostgresBinaries;
  temporal: TemporalServerBinaries;
  /** The Web UI server, unless not asked for or its build failed (the cluster runs without it). */
  ui?: string;
}

export interface EnsureBinariesOptions {
  /** Binary cache. @defaultValue {@link defaultToolsDir} */
  toolsDir?: string;
  /** Also build the Web UI server. @defaultValue true */
  ui?: boolean;
  log?: (message: string) => void;
}

/**
 * Installs or builds whatever the cluster needs and is missing: PostgreSQL (apt), the Temporal server and its SQL
 * tool (Go module, minutes when cold), the Web UI server (Go module, optional). Cached results are reused, so CI
 * can call this first and every later start finds them.
 */
export async function ensureClusterBinaries(options: EnsureBinariesOptions = {}): Promise<ClusterBinaries> {
  const toolsDir = options.toolsDir ?? defaultToolsDir();
  const log = options.log ?? (() => {});
  const postgres = await ensurePostgresBinaries(log);
  const temporal = await ensureTemporalServerBinaries(toolsDir, log);
  if (options.ui === false) return { postgres, temporal };
  try {
    return { postgres, temporal, ui: await ensureUiServerBinary(toolsDir, log) };
  } catch (err) {
    // The UI is a convenience: a cluster without it is still the cluster under test.
    log(`Web UI server unavailable, continuing without it: ${(err as Error).message}`);
    return { postgres, temporal };
  }
}
