// The environment of the baseline worker process (bench/baseline/baseline-worker.ts): the run that forks it sets
// every variable; the rules are the service's own (src/config/config.ts).
import { z } from 'zod';
import { configSchema } from '../../src/config/config.js';
import { type Environment, parseWith } from './parse-input.js';

const baselineWorkerSchema = z.object({
  TEMPORAL_ADDRESS: configSchema.shape.TEMPORAL_ADDRESS.unwrap(),
  TEMPORAL_NAMESPACE: configSchema.shape.TEMPORAL_NAMESPACE,
  TEMPORAL_TASK_QUEUE: configSchema.shape.TEMPORAL_TASK_QUEUE.unwrap(),
  MAX_CONCURRENT_TASKS: configSchema.shape.MAX_CONCURRENT_TASKS.unwrap(),
});

export type BaselineWorkerEnvironment = z.output<typeof baselineWorkerSchema>;

export function parseBaselineWorkerEnvironment(env: Environment = process.env): BaselineWorkerEnvironment {
  return parseWith(baselineWorkerSchema, env);
}
