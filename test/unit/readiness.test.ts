// The readiness checks of the API and the worker, over a stubbed connection: which reason each state gives.
import { describe, expect, it } from 'vitest';
import { SearchAttributes } from '../../src/shared/task-search-attributes.js';
import { type ReadinessConnection, checkTemporalReadiness } from '../../src/temporal/readiness.js';
import { workerReadiness } from '../../src/worker/worker-readiness.js';

const ALL = Object.values(SearchAttributes).map((key) => key.name);

/** A connection whose namespace has the `registered` custom attributes, or that fails with `error`. */
function connection(registered: string[], error?: Error): ReadinessConnection & { deadlines: number[] } {
  const deadlines: number[] = [];
  return {
    deadlines,
    withDeadline: (deadline, fn) => {
      deadlines.push(Number(deadline));
      return fn();
    },
    operatorService: {
      listSearchAttributes: () =>
        error
          ? Promise.reject(error)
          : Promise.resolve({
              customAttributes: Object.fromEntries(registered.map((name) => [name, 2])),
              systemAttributes: { WorkflowType: 2 },
            }),
    } as unknown as ReadinessConnection['operatorService'],
  };
}

describe('checkTemporalReadiness', () => {
  it('is ok when Temporal answers and every search attribute is registered, under a deadline', async () => {
    const conn = connection(ALL);
    const before = Date.now();
    expect(await checkTemporalReadiness(conn, 'default', 2_000)).toEqual({ status: 'ok' });
    expect(conn.deadlines[0]).toBeGreaterThanOrEqual(before + 2_000);
  });

  it('names the missing search attributes', async () => {
    expect(await checkTemporalReadiness(connection(ALL.slice(1)), 'default')).toEqual({
      status: 'search_attributes_missing',
      missing: [ALL[0]],
    });
  });

  it('reports Temporal unreachable on any failure, without its details', async () => {
    const answer = await checkTemporalReadiness(
      connection(ALL, new Error('14 UNAVAILABLE: secret')),
      'default',
    );
    expect(answer).toEqual({ status: 'temporal_unreachable' });
  });
});

describe('workerReadiness', () => {
  const worker = (state: 'INITIALIZED' | 'RUNNING' | 'STOPPING') => ({ getState: () => state });

  it('is unreachable before the process connected', async () => {
    expect(await workerReadiness({ namespace: 'default' })).toEqual({ status: 'temporal_unreachable' });
  });

  it('waits for the worker to poll, and stops being ready when it stops', async () => {
    const conn = connection(ALL);
    expect(await workerReadiness({ connection: conn, namespace: 'default' })).toEqual({
      status: 'worker_not_running',
      worker_state: 'STARTING',
    });
    expect(
      await workerReadiness({ connection: conn, namespace: 'default', worker: worker('RUNNING') }),
    ).toEqual({
      status: 'ok',
    });
    expect(
      await workerReadiness({ connection: conn, namespace: 'default', worker: worker('STOPPING') }),
    ).toEqual({ status: 'worker_not_running', worker_state: 'STOPPING' });
  });

  it('gives Temporal reasons first', async () => {
    const source = { connection: connection([]), namespace: 'default', worker: worker('RUNNING') };
    expect(await workerReadiness(source)).toMatchObject({ status: 'search_attributes_missing' });
  });
});
