// Registering the task search attributes at start-up, over a stubbed connection: what is added, and the wait until
// the frontend uses them (a cluster's services read namespaces from a cache refreshed every 2 s).
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { Connection } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { SearchAttributes } from '../../src/shared/task-search-attributes.js';
import { ensureSearchAttributes } from '../../src/temporal/search-attributes.js';

const ALL = Object.values(SearchAttributes).map((key) => key.name);

/** An error shaped as the SDK's service stubs throw it. */
function grpcError(code: GrpcStatus, details: string): Error {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
}

/**
 * A connection whose namespace already has `registered`, and whose count query fails with the queued errors
 * before it succeeds.
 */
function connection(registered: string[], countErrors: Error[]) {
  const calls = { added: [] as string[], queries: [] as string[] };
  const stub = {
    operatorService: {
      listSearchAttributes: () =>
        Promise.resolve({ customAttributes: Object.fromEntries(registered.map((name) => [name, 2])) }),
      addSearchAttributes: (request: { searchAttributes: Record<string, number> }) => {
        calls.added.push(...Object.keys(request.searchAttributes));
        return Promise.resolve({});
      },
    },
    workflowService: {
      countWorkflowExecutions: (request: { query: string }) => {
        calls.queries.push(request.query);
        const error = countErrors.shift();
        return error ? Promise.reject(error) : Promise.resolve({ count: 0 });
      },
    },
  };
  return { conn: stub as unknown as Connection, calls };
}

describe('ensureSearchAttributes', () => {
  it('adds the missing attributes and returns once a query naming all of them is accepted', async () => {
    const unknown = grpcError(
      GrpcStatus.INVALID_ARGUMENT,
      'invalid query: TaskStatus is not a search attribute',
    );
    const { conn, calls } = connection(ALL.slice(2), [unknown, unknown]);
    expect(await ensureSearchAttributes(conn, 'default')).toEqual(ALL.slice(0, 2));
    expect(calls.added).toEqual(ALL.slice(0, 2));
    expect(calls.queries).toHaveLength(3);
    for (const name of ALL) expect(calls.queries[0]).toContain(name);
  });

  it('adds nothing when every attribute exists, and still checks they are usable', async () => {
    const { conn, calls } = connection(ALL, []);
    expect(await ensureSearchAttributes(conn, 'default')).toEqual([]);
    expect(calls.added).toEqual([]);
    expect(calls.queries).toHaveLength(1);
  });

  it('does not wait out an engine that is away: any other error is thrown at once', async () => {
    const away = grpcError(GrpcStatus.UNAVAILABLE, 'connection refused');
    const { conn, calls } = connection(ALL, [away]);
    await expect(ensureSearchAttributes(conn, 'default')).rejects.toBe(away);
    expect(calls.queries).toHaveLength(1);
  });
});
