import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * The login role src/cluster/temporal-cluster.ts gives the Temporal server (reachable on 127.0.0.1 only). Any role
 * may read the statistics views.
 */
const ROLE = { user: 'temporal', password: 'temporal' };

/** Cumulative counters of one database from pg_stat_database. */
export interface DatabaseCounter {
  /** Committed transactions, reads included (each autocommit statement is one). */
  xact_commit: number;
  xact_rollback: number;
  tup_inserted: number;
  tup_updated: number;
  tup_deleted: number;
}

export interface DatabaseCounters {
  /** Per database of the cluster (Temporal's main store and its visibility store). */
  databases: Record<string, DatabaseCounter>;
  /** WAL written by the whole PostgreSQL cluster (pg_stat_wal), in bytes. */
  wal_bytes: number;
}

const COLUMNS = ['xact_commit', 'xact_rollback', 'tup_inserted', 'tup_updated', 'tup_deleted'] as const;

/**
 * Reads pg_stat_database for every database but PostgreSQL's own, and pg_stat_wal, with psql over TCP. A backend
 * reports its counters at most once a second, so the values lag activity by about that much at each end of a
 * window.
 */
export async function readPostgresCounters(psql: string, port: number): Promise<DatabaseCounters> {
  const { stdout } = await promisify(execFile)(
    psql,
    [
      '-X',
      '-q',
      '-A',
      '-t',
      '-F',
      ',',
      '-v',
      'ON_ERROR_STOP=1',
      `host=127.0.0.1 port=${port} user=${ROLE.user} dbname=postgres`,
      '-c',
      `SELECT datname, ${COLUMNS.join(', ')} FROM pg_stat_database ` +
        `WHERE datname IS NOT NULL AND datname NOT IN ('postgres', 'template0', 'template1')`,
      '-c',
      `SELECT 'wal', wal_bytes FROM pg_stat_wal`,
    ],
    { env: { ...pgEnvironment(), PGPASSWORD: ROLE.password } },
  );
  const counters: DatabaseCounters = { databases: {}, wal_bytes: 0 };
  for (const line of stdout.trim().split('\n')) {
    const [name, ...values] = line.split(',');
    if (name === 'wal') counters.wal_bytes = Number(values[0]);
    else if (name) {
      counters.databases[name] = Object.fromEntries(
        COLUMNS.map((column, i) => [column, Number(values[i])]),
      ) as unknown as DatabaseCounter;
    }
  }
  return counters;
}

/** Only what psql needs: no PG* variables of the caller's environment redirect it. */
function pgEnvironment(): Record<string, string> {
  return { PATH: '/usr/bin:/bin', LANG: 'C' };
}

/** Per database: what happened between two readings, per task. */
export interface DatabaseActivity {
  per_task: Record<
    string,
    { commits: number; rows_inserted: number; rows_updated: number; rows_deleted: number }
  >;
  /** Rows written (inserted + updated + deleted) per task, both databases together. */
  rows_written_per_task: number;
  wal_kb_per_task: number;
}

export function databaseActivity(
  before: DatabaseCounters,
  after: DatabaseCounters,
  taskCount: number,
): DatabaseActivity {
  const n = Math.max(1, taskCount);
  const perTask: DatabaseActivity['per_task'] = {};
  let written = 0;
  for (const [name, end] of Object.entries(after.databases)) {
    const start = before.databases[name];
    if (!start) continue;
    const delta = (column: (typeof COLUMNS)[number]) => (end[column] - start[column]) / n;
    perTask[name] = {
      commits: delta('xact_commit'),
      rows_inserted: delta('tup_inserted'),
      rows_updated: delta('tup_updated'),
      rows_deleted: delta('tup_deleted'),
    };
    written += delta('tup_inserted') + delta('tup_updated') + delta('tup_deleted');
  }
  return {
    per_task: perTask,
    rows_written_per_task: written,
    wal_kb_per_task: (after.wal_bytes - before.wal_bytes) / 1024 / n,
  };
}
