// `npm run test:cluster`: the core scenarios run unchanged against a Temporal cluster on PostgreSQL (16 history
// shards, SQL visibility) instead of the dev server.
import type { TestProject } from 'vitest/node';
import { startTestCluster } from './cluster-fixture.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fixture = await startTestCluster('suite');
  project.provide('temporalAddress', fixture.cluster.address);
  return () => fixture.dispose();
}
