import { join } from 'node:path';
import { projectRoot } from '../project-root.js';
import { DATABASES } from './schema.js';
import type { ServerPorts } from './server-ports.js';

/**
 * The server configuration template shared with docker-compose.yml. A Go template, not YAML until the server renders
 * it (hence .tmpl: prettier would reject its `{{ }}`).
 */
export function serverConfigTemplate(): string {
  return join(projectRoot(), 'deploy', 'temporal-server.yaml.tmpl');
}

/** The dynamic config file shared with docker-compose.yml (the server re-reads it every 10 s). */
export function dynamicConfigFile(): string {
  return join(projectRoot(), 'deploy', 'temporal-dynamic-config.yaml');
}

export interface ServerEnvironment {
  ports: ServerPorts;
  postgresPort: number;
  user: string;
  password: string;
  historyShards: number;
  /** Temporal's log level (debug, info, warn, error). */
  logLevel: string;
  /** `host:port` for Prometheus metrics; none when unset (metrics cost CPU). */
  metricsAddress?: string;
}

/**
 * The variables deploy/temporal-server.yaml reads. This is the server's whole environment: nothing of ours (such as
 * LOG_LEVEL of the API) leaks into its template.
 */
export function serverEnvironment(settings: ServerEnvironment): Record<string, string> {
  const { ports } = settings;
  return {
    LOG_LEVEL: settings.logLevel,
    NUM_HISTORY_SHARDS: String(settings.historyShards),
    POSTGRES_SEEDS: '127.0.0.1',
    DB_PORT: String(settings.postgresPort),
    POSTGRES_USER: settings.user,
    POSTGRES_PWD: settings.password,
    DBNAME: DATABASES.temporal,
    VISIBILITY_DBNAME: DATABASES.visibility,
    BIND_ON_IP: '127.0.0.1',
    FRONTEND_GRPC_PORT: String(ports.frontendGrpc),
    FRONTEND_HTTP_PORT: String(ports.frontendHttp),
    FRONTEND_MEMBERSHIP_PORT: String(ports.frontendMembership),
    HISTORY_GRPC_PORT: String(ports.historyGrpc),
    HISTORY_MEMBERSHIP_PORT: String(ports.historyMembership),
    MATCHING_GRPC_PORT: String(ports.matchingGrpc),
    MATCHING_MEMBERSHIP_PORT: String(ports.matchingMembership),
    WORKER_GRPC_PORT: String(ports.workerGrpc),
    WORKER_MEMBERSHIP_PORT: String(ports.workerMembership),
    DYNAMIC_CONFIG_FILE_PATH: dynamicConfigFile(),
    ...(settings.metricsAddress ? { PROMETHEUS_ENDPOINT: settings.metricsAddress } : {}),
  };
}
