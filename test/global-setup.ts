// `npm test`: one in-memory dev server for the whole run; every file gets its own task queue.
import type { TestProject } from 'vitest/node';
import { startTemporalTestServer } from './helpers/temporal-test-server.js';

export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return startTemporalTestServer(project);
}
