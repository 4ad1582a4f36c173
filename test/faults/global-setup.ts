// `npm run test:faults`: the faults are injected into the embedded server as `npm start` runs it, persisting to a
// SQLite file (WAL); a server of its own, apart from the one of `npm test`.
import type { TestProject } from 'vitest/node';
import { startTemporalTestServer } from '../helpers/temporal-test-server.js';

export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return startTemporalTestServer(project, 'faults');
}
