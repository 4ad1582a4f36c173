// `npm run bench:visibility [samples]`: its one argument and its environment.
import { z } from 'zod';
import { configSchema } from '../../src/config/config.js';
import { type Environment, parseWith, positiveInt } from './parse-input.js';

/** `npm run bench:visibility [samples]`, against a running API. */
const visibilitySchema = z.object({
  /** How many tasks to submit and time. @defaultValue 30 */
  samples: positiveInt.default(30),
  API_URL: z.url().default('http://localhost:3000'),
  /** Sent as the bearer token when set. */
  API_TOKEN: configSchema.shape.API_TOKEN,
});

export type VisibilityOptions = z.output<typeof visibilitySchema>;

export function parseVisibilityOptions(argv: string[], env: Environment = process.env): VisibilityOptions {
  return parseWith(visibilitySchema, { samples: argv[0], API_URL: env.API_URL, API_TOKEN: env.API_TOKEN }, [
    'samples',
  ]);
}
