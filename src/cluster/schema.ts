import { join } from 'node:path';
import type { Postgres } from './postgres.js';
import { runCommand } from './run-command.js';

export interface SchemaOptions {
  postgres: Postgres;
  /** temporal-sql-tool (`cmd/tools/sql` of the server module). */
  sqlTool: string;
  /** The module's `schema/postgresql/v12`, holding `temporal/versioned` and `visibility/versioned`. */
  schemaDir: string;
  user: string;
  password: string;
  log: (message: string) => void;
}

/** The two databases of a Temporal cluster on SQL: the main store and SQL advanced visibility. */
export const DATABASES = { temporal: 'temporal', visibility: 'temporal_visibility' } as const;

/**
 * Creates or upgrades both schemas with Temporal's own tool, as its docs and the admin-tools image do: a new
 * database gets `create-database` and `setup-schema -v 0.0` (the version table); every start runs `update-schema`,
 * which applies only the versions not yet recorded (a no-op on an up-to-date database). Visibility on PostgreSQL
 * (v12 plugin) is advanced visibility: custom search attributes, List and Count queries.
 */
export async function ensureSchemas(options: SchemaOptions): Promise<void> {
  for (const [kind, database] of Object.entries(DATABASES)) {
    const tool = (...args: string[]) =>
      runCommand(
        options.sqlTool,
        [
          '--plugin',
          'postgres12',
          '--endpoint',
          '127.0.0.1',
          '--port',
          String(options.postgres.port),
          '--user',
          options.user,
          '--database',
          database,
          ...args,
        ],
        { env: { SQL_PASSWORD: options.password } },
      ); // not on the command line, which `ps` shows
    if (!(await options.postgres.hasDatabase(database))) {
      options.log(`creating database ${database}`);
      await tool('create-database');
      await tool('setup-schema', '-v', '0.0');
    }
    await tool('update-schema', '-d', join(options.schemaDir, kind, 'versioned'));
  }
}
