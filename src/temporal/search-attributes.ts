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

/**
 * Registers the task search attributes in the namespace when missing, so the service works against any fresh
 * cluster, not only a dev server started with flags. Every process calls it at start-up; concurrent callers race
 * harmlessly ("already exists" is success).
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
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
