import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run test:cluster`: the core scenarios of the integration suite, unchanged, plus the cluster's own tests
// (several APIs and workers, server and database faults), against a real Temporal cluster on PostgreSQL.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'test/integration/lifecycle.test.ts',
      'test/integration/concurrency.test.ts',
      'test/integration/listing.test.ts',
      'test/cluster/**/*.test.ts',
    ],
    globalSetup: ['test/cluster/global-setup.ts'],
    testTimeout: 180_000,
    // A cold cluster (initdb, schema, first shard ownership) takes longer than a dev server.
    hookTimeout: 300_000,
  },
});
