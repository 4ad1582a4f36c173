import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { ConfigError } from './config.js';

/** A whole number written plainly: no blanks (which coercion reads as 0), exponents or hex. */
const integer = (min: number, max: number) =>
  z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().min(min).max(max));

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/**
 * Settings of `npm run cluster` (src/main/cluster.ts): a Temporal server on PostgreSQL on this machine. The APIs and
 * workers it starts read their own settings from {@link configSchema} (PORT is the first API's port).
 */
export const clusterConfigSchema = z.object({
  /**
   * Folder of the cluster's data: PostgreSQL's data directory, the logs and the recorded shard count. Two folders
   * are two independent clusters. @defaultValue .data/cluster
   */
  CLUSTER_DATA_DIR: z.string().min(1).default('.data/cluster'),
  /**
   * Folder caching the built Go binaries (Temporal server, its SQL tool, the Web UI server), one subfolder per
   * version; point several clones at one folder to build once. @defaultValue .tools (in the project root)
   */
  CLUSTER_TOOLS_DIR: z.string().min(1).optional(),
  /**
   * gRPC port of the Temporal frontend, on 127.0.0.1. The other services use ports derived from it (see
   * src/cluster/server-ports.ts): +1, +2, +6, +10 and -300, -299, -298, -294. At most 33067: the membership
   * table keeps ports in a SQL smallint. @defaultValue 7233
   */
  CLUSTER_FRONTEND_PORT: integer(301, 33_067).default(7233),
  /** Port of the cluster's own PostgreSQL, on 127.0.0.1. @defaultValue 55432 */
  CLUSTER_POSTGRES_PORT: integer(1, 65535).default(55_432),
  /**
   * History shards of a new cluster. Fixed forever once the database exists: a different value for an existing
   * data folder is refused. @defaultValue 16 for a new data folder, else the recorded value
   */
  CLUSTER_HISTORY_SHARDS: integer(1, 16_384).optional(),
  /** Start the Temporal Web UI. @defaultValue true */
  CLUSTER_UI: flag.default(true),
  /** Port of the Temporal Web UI, on 127.0.0.1. @defaultValue CLUSTER_FRONTEND_PORT + 1000 */
  CLUSTER_UI_PORT: integer(1, 65535).optional(),
  /** API processes, on consecutive ports from PORT. @defaultValue 1 */
  CLUSTER_APIS: integer(0, 32).default(1),
  /** Worker processes, each with MAX_CONCURRENT_TASKS slots. @defaultValue 1 */
  CLUSTER_WORKERS: integer(0, 64).default(1),
});

export type ClusterConfig = z.infer<typeof clusterConfigSchema>;

/** Validates raw variables; each problem names the variable and the value it got. */
export function parseClusterConfig(env: Record<string, string | undefined>): ClusterConfig {
  const result = clusterConfigSchema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${name}=${JSON.stringify(env[name])}: ${issue.message}`;
    }),
  );
}

/** Reads `.env` (without overriding real variables) and validates; prints the problems and exits when invalid. */
export function loadClusterConfig(): ClusterConfig {
  loadDotenv({ quiet: true });
  try {
    return parseClusterConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}
