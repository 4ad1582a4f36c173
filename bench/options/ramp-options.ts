// `npm run bench:ramp [rates] [seconds]`: its arguments and its environment.
import { z } from 'zod';
import { configSchema } from '../../src/config/config.js';
import { type Environment, parseWith, positiveInt } from './parse-input.js';

/** `npm run bench:ramp [rates] [seconds]`, against a running API. */
const rampSchema = z.object({
  /** Submissions per second of each step, in order. @defaultValue 10,20,30,45,70 */
  rates: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'expected whole numbers separated by commas')
    .transform((raw) => raw.split(',').map(Number))
    .default([10, 20, 30, 45, 70]),
  /** Seconds of each step. @defaultValue 15 */
  seconds: positiveInt.default(15),
  API_URL: z.url().default('http://localhost:3000'),
  /** Sent as the bearer token when set. */
  API_TOKEN: configSchema.shape.API_TOKEN,
});

export type RampOptions = z.output<typeof rampSchema>;

export function parseRampOptions(argv: string[], env: Environment = process.env): RampOptions {
  const input = { rates: argv[0], seconds: argv[1], API_URL: env.API_URL, API_TOKEN: env.API_TOKEN };
  return parseWith(rampSchema, input, ['rates', 'seconds']);
}
