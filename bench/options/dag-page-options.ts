// `npm run bench:dag-page [tasks]`: its one argument and its environment.
import { z } from 'zod';
import { configSchema } from '../../src/config/config.js';
import { type Environment, parseWith, positiveInt } from './parse-input.js';

/** `npm run bench:dag-page [tasks]`, against a running API. */
const dagPageSchema = z.object({
  /** Tasks of the DAG drawn. @defaultValue 2000 */
  tasks: positiveInt.pipe(z.number().max(10_000, 'at most 10,000 (one POST /api/dags)')).default(2_000),
  API_URL: z.url().default('http://localhost:3000'),
  /** Sent as the bearer token when set, and handed to the page as if typed into its form. */
  API_TOKEN: configSchema.shape.API_TOKEN,
});

export type DagPageOptions = z.output<typeof dagPageSchema>;

export function parseDagPageOptions(argv: string[], env: Environment = process.env): DagPageOptions {
  return parseWith(dagPageSchema, { tasks: argv[0], API_URL: env.API_URL, API_TOKEN: env.API_TOKEN }, [
    'tasks',
  ]);
}
