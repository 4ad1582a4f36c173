import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from '@temporalio/client';
import { isGrpcServiceError } from '@temporalio/client';
import { status as GrpcStatus } from '@grpc/grpc-js';
import proto from '@temporalio/proto';
import { SearchAttributes } from '../shared/task-search-attributes.js';

const IndexedValueType = proto.temporal.api.enums.v1.IndexedValueType;
const INDEXED_TYPE = {
  KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  INT: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
} as const;

/** A value of each type for a query that names every attribute (what it matches does not matter). */
const SAMPLE_LITERAL = { KEYWORD: "''", INT: '0', DATETIME: "'2000-01-01T00:00:00Z'" } as const;
/** How long a process waits at start-up for the server to use the attributes it stored. */
const USABLE_TIMEOUT_MS = 30_000;
const USABLE_RETRY_MS = 250;

/**
 * Registers the task search attributes in the namespace when missing, so the service works against any fresh
 * cluster, not only a dev server started with flags, and returns once the frontend uses them. Every process calls
 * it at start-up; concurrent callers race harmlessly ("already exists" is success).
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const added = await registerMissing(connection, namespace);
  await waitUntilUsable(connection, namespace);
  return added;
}

async function registerMissing(connection: Connection, namespace: string): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set([
    ...Object.keys(existing.customAttributes ?? {}),
    ...Object.keys(existing.systemAttributes ?? {}),
  ]);
  const missing = Object.values(SearchAttributes).filter((key) => !known.has(key.name));
  if (missing.length === 0) return [];
  const searchAttributes = Object.fromEntries(missing.map((key) => [key.name, INDEXED_TYPE[key.type]]));
  try {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
  } catch (err) {
    if (!(isGrpcServiceError(err) && err.code === GrpcStatus.ALREADY_EXISTS)) throw err;
  }
  return missing.map((key) => key.name);
}

/**
 * Waits until the frontend accepts a visibility query naming every attribute. On SQL visibility a custom search
 * attribute is an alias in the namespace record, which each service reads from a cache refreshed every 2 s
 * (`system.namespaceCacheRefreshInterval`; the stored record, which listSearchAttributes reads, is current at
 * once): until then a start naming the attributes fails with INVALID_ARGUMENT. The server sends no notice of the
 * refresh, so the query is repeated until it is accepted. (The embedded dev server reads namespaces through on
 * every lookup and accepts the first query.)
 */
async function waitUntilUsable(connection: Connection, namespace: string): Promise<void> {
  const query = Object.values(SearchAttributes)
    .map((key) => `${key.name} = ${SAMPLE_LITERAL[key.type]}`)
    .join(' AND ');
  const deadline = Date.now() + USABLE_TIMEOUT_MS;
  for (;;) {
    try {
      await connection.workflowService.countWorkflowExecutions({ namespace, query });
      return;
    } catch (err) {
      const unknownYet = isGrpcServiceError(err) && err.code === GrpcStatus.INVALID_ARGUMENT;
      if (!unknownYet || Date.now() > deadline) throw err;
    }
    await sleep(USABLE_RETRY_MS);
  }
}
