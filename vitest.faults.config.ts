import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run test:faults`: the long fault-injection tests (process kills under load, fan-out at scale), against a
// real Temporal dev server that persists to a SQLite file as `npm start` does.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/faults/**/*.test.ts'],
    globalSetup: ['test/faults/global-setup.ts'],
    testTimeout: 180_000,
  },
});
