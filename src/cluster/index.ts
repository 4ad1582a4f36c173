// The local Temporal cluster on PostgreSQL: `npm run cluster`, the cluster tests and the benchmark start it here.
export { type Cluster, type ClusterOptions, startCluster } from './temporal-cluster.js';
export {
  type ClusterBinaries,
  type EnsureBinariesOptions,
  defaultToolsDir,
  ensureClusterBinaries,
} from './ensure-cluster-binaries.js';
export { DEFAULT_HISTORY_SHARDS } from './shard-record.js';
export { MAX_FRONTEND_PORT, freeFrontendPort } from './server-ports.js';
export { TEMPORAL_SERVER_VERSION } from './temporal-server-binaries.js';
export { UI_SERVER_VERSION } from './ui-server-binary.js';
