import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Shards of a new cluster unless asked otherwise: room for a few history hosts, cheap on one machine. */
export const DEFAULT_HISTORY_SHARDS = 16;

/**
 * The shard count a data folder was created with. Temporal fixes it at the database's first start and silently
 * keeps the recorded value if the configuration says otherwise later, so a benchmark asking for 1 shard on a
 * 16-shard database would measure 16. Refuse instead, naming the fix.
 */
export function resolveHistoryShards(dataDir: string, requested: number | undefined): number {
  const file = join(dataDir, 'history-shards');
  const recorded = existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined;
  if (recorded === undefined) return requested ?? DEFAULT_HISTORY_SHARDS;
  if (requested !== undefined && requested !== recorded) {
    throw new Error(
      `the cluster in ${dataDir} was created with ${recorded} history shards and cannot change to ${requested}: ` +
        'the shard count is fixed when the database is created. Use another data folder (CLUSTER_DATA_DIR) or ' +
        'delete this one (all its tasks are lost).',
    );
  }
  return recorded;
}

/** Records the shard count once the database has been created with it. */
export function recordHistoryShards(dataDir: string, shards: number): void {
  writeFileSync(join(dataDir, 'history-shards'), `${shards}\n`);
}
