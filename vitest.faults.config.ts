import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run test:faults`: the long fault-injection tests (process kills under load). Same real Temporal server
// setup as `npm test`, other files.
export default defineConfig({
  ...base,
  test: { ...base.test, include: ['test/faults/**/*.test.ts'], testTimeout: 180_000 },
});
