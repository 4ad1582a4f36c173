// Shared settings of the property tests against a live API. fast-check prints the seed and path of any failure;
// replay one with FC_SEED=<seed> FC_PATH=<path> (FC_RUNS_SCALE=10 runs ten times as many inputs).
import fc from 'fast-check';

const seed = process.env.FC_SEED;
const path = process.env.FC_PATH;
const scale = Number(process.env.FC_RUNS_SCALE ?? 1);

fc.configureGlobal({
  ...(seed === undefined ? {} : { seed: Number(seed) }),
  ...(path === undefined ? {} : { path }),
});

/** The number of generated inputs for a property, scaled by FC_RUNS_SCALE. */
export const runs = (numRuns: number): { numRuns: number } => ({ numRuns: Math.ceil(numRuns * scale) });
