import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    // One real Temporal dev server for the whole run (test/global-setup.ts); every file gets its own task queue.
    globalSetup: ['test/global-setup.ts'],
    // The Temporal native bridge misbehaves under worker threads.
    pool: 'forks',
    // Integration files share one server on a 2-core machine: running them one at a time keeps the
    // crash-recovery and concurrency tests free of CPU starvation from their neighbours.
    fileParallelism: false,
    // Generous: these tests start real processes and wait for real (short) tasks; nothing here is a speed goal.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    sequence: { shuffle: false },
    reporters: ['default'],
  },
});
