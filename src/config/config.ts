import { z } from 'zod';

/** A whole number written plainly: no blanks (which coercion reads as 0), exponents or hex. */
const integer = (min: number, max: number) =>
  z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().min(min).max(max));

/**
 * Every setting the service reads, validated once at start-up. Nothing else in the codebase reads `process.env`.
 * Values come from the environment, then from an optional `.env` file (loaded by {@link loadConfig}).
 */
export const configSchema = z.object({
  /** HTTP port of the API. @defaultValue 3000 */
  PORT: integer(0, 65535).default(3000),
  /**
   * HTTP port of a worker's probes, `/healthz` and `/readyz`; 0 takes any free port (logged, and sent to a parent
   * process over IPC as `{type: 'health-listening', port}`). Off by default: several workers often share a
   * machine, and a fixed port would clash. @defaultValue unset (no probe server)
   */
  WORKER_HEALTH_PORT: integer(0, 65535).optional(),
  /**
   * Port of a worker's Prometheus metrics (`/metrics` on every interface, served by the Temporal SDK's exporter):
   * the SDK's own metrics and the task work histograms. The exporter cannot report a port it chose, so 0 is not
   * accepted. @defaultValue unset (no metrics)
   */
  WORKER_METRICS_PORT: integer(1, 65535).optional(),
  /** Tasks one worker process runs at once (its activity slots). @defaultValue 3 */
  MAX_CONCURRENT_TASKS: integer(1, 10_000).default(3),
  /**
   * Per-type caps, `TYPE=N,...` (e.g. `IO=20,COMPUTE=2`): the work of each listed type runs on a task queue of its
   * own (`<TEMPORAL_TASK_QUEUE>.type.<TYPE>`) with N slots per worker; other types share MAX_CONCURRENT_TASKS.
   * APIs and workers must agree on it. @defaultValue empty (every type shares MAX_CONCURRENT_TASKS)
   */
  TASK_TYPE_LIMITS: z
    .string()
    .regex(
      /^\s*$|^[A-Za-z0-9._-]{1,64}=\d{1,5}(,[A-Za-z0-9._-]{1,64}=\d{1,5})*$/,
      'must be TYPE=N pairs separated by commas, e.g. IO=20,COMPUTE=2 (types as in a task, N from 1)',
    )
    .refine((value) => !/=0+(,|$)/.test(value), 'every N must be at least 1')
    .refine((value) => {
      const types = value.split(',').map((pair) => pair.split('=')[0]);
      return new Set(types).size === types.length;
    }, 'must name each type once')
    .default('')
    .transform((value): Record<string, number> =>
      Object.fromEntries(
        value
          .split(',')
          .filter((pair) => pair.trim() !== '')
          .map((pair) => pair.split('='))
          .map(([type, limit]) => [type!, Number(limit)]),
      ),
    ),
  /** pino log level. @defaultValue info */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * `host:port` of the Temporal frontend. When unset, `npm start` embeds a dev server and the single-component
   * entry points use 127.0.0.1:7233.
   */
  TEMPORAL_ADDRESS: z
    .string()
    .refine(
      (address) => /^[^\s:]+:\d{1,5}$/.test(address) && Number(address.split(':')[1]) <= 65535,
      'must be host:port with a port of at most 65535',
    )
    .optional(),
  /** Temporal namespace holding the task workflows. @defaultValue default */
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /**
   * Task queue shared by the task workflows and their activities. Its name is quoted inside visibility queries
   * (admission control counts this queue's backlog), hence the charset. @defaultValue dag-tasks
   */
  TEMPORAL_TASK_QUEUE: z
    .string()
    .regex(/^[A-Za-z0-9._:/-]{1,200}$/, 'must be 1-200 letters, digits or . _ : / -')
    .default('dag-tasks'),
  /**
   * When set, every endpoint but the probes, /metrics and /openapi.json requires `Authorization: Bearer
   * <API_TOKEN>`. At least 16 characters.
   * @defaultValue unset (no authentication)
   */
  API_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /**
   * Comma-separated origins allowed to call the API from a browser (CORS). @defaultValue unset (CORS closed)
   */
  CORS_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .optional(),
  /**
   * A new dependent subscribes to a dependency through that dependency's relay workflow, not directly, once the
   * dependency's history holds more than this many events: it keeps a task with thousands of dependents under
   * Temporal's 10,240-event history warning even while its work runs. @defaultValue 1000
   */
  RELAY_AFTER_HISTORY_EVENTS: integer(1, 10_000).default(1_000),
  /**
   * Admission control: while more tasks than this are QUEUED (ready, their work not started) in the namespace, the
   * API answers new submissions with 429 OVERLOADED and a Retry-After. 0 turns the check off. @defaultValue 2000
   */
  ADMISSION_MAX_QUEUED: integer(0, 1_000_000).default(2_000),
  /**
   * Admission control: submissions one API process handles at once; more are answered 429 OVERLOADED. 0 turns the
   * check off. @defaultValue 500
   */
  ADMISSION_MAX_IN_FLIGHT: integer(0, 100_000).default(500),
  /**
   * Admission control: new tasks one API process admits per second (a DAG counts its tasks); past it, 429
   * OVERLOADED with a Retry-After that spreads the refused clients over the time they wait. Set it to the
   * sustained rate measured for the deployment divided by the number of APIs. 0 turns the check off.
   * @defaultValue 0
   */
  ADMISSION_MAX_RATE: integer(0, 1_000_000).default(0),
  /**
   * Admission control: the API adapts the rate it admits new tasks at to the engine (AdaptiveStartRate). Once the
   * median workflow start of a second takes more than this many milliseconds over the quiet baseline (the fastest
   * second of the last five minutes), the engine is queueing and the rate is cut; while clients are refused and
   * starts stay fast, it grows, up to ADMISSION_MAX_RATE when that is set. 0 turns it off. @defaultValue 100
   */
  ADMISSION_SLOW_SUBMIT_MS: integer(0, 60_000).default(100),
  /**
   * Address of the Temporal Web UI that the DAG page (`GET /`) links each task's workflow to, e.g.
   * `https://temporal.example.com`; http or https, a trailing `/` is dropped. It is only ever a link in the
   * operator's browser: the API never calls it. @defaultValue the embedded dev server's Web UI,
   * `http://localhost:<TEMPORAL_DEV_PORT + 1000>` (see {@link temporalUiUrl})
   */
  TEMPORAL_UI_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  /** Path of the `temporal` CLI used to embed a dev server. @defaultValue .tools/temporal/bin/temporal */
  TEMPORAL_CLI_PATH: z.string().min(1).optional(),
  /** Port of the embedded dev server's frontend (its Web UI listens 1000 above). @defaultValue 7233 */
  TEMPORAL_DEV_PORT: integer(1, 64535).default(7233),
  /** Folder of the embedded dev server's SQLite database. @defaultValue .data */
  TEMPORAL_DATA_DIR: z.string().min(1).default('.data'),
  /**
   * How long the embedded dev server keeps finished tasks, in days (a new namespace keeps them one day). A task
   * can only depend on tasks still retained. Clusters set this with `temporal operator namespace update`.
   * @defaultValue 30
   */
  TEMPORAL_RETENTION_DAYS: integer(1, 3650).default(30),
});

export type Config = z.infer<typeof configSchema>;

/** The Temporal Web UI the DAG page links to: TEMPORAL_UI_URL, else the embedded dev server's (frontend + 1000). */
export const temporalUiUrl = (config: Pick<Config, 'TEMPORAL_UI_URL' | 'TEMPORAL_DEV_PORT'>): string =>
  config.TEMPORAL_UI_URL ?? `http://localhost:${config.TEMPORAL_DEV_PORT + 1000}`;

/** Thrown when an environment variable holds a value the schema rejects. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Variables whose values must never be printed, not even when they are invalid. */
const SECRETS: ReadonlySet<string> = new Set(['API_TOKEN']);

const shown = (name: string, value: string | undefined) =>
  SECRETS.has(name) && value !== undefined ? `<secret of ${value.length} characters>` : JSON.stringify(value);

/** Validates raw variables; each problem names the variable and the value it got (secrets stay hidden). */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return `${name}=${shown(name, env[name])}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}
