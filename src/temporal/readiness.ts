import type { ConnectionLike, OperatorService } from '@temporalio/client';
import { SearchAttributes } from '../shared/task-search-attributes.js';

/**
 * What a readiness probe (`/readyz`) answers: `ok`, or why the process cannot serve yet. The same JSON shape on
 * the API and the worker; the worker adds its own reason (src/worker/worker-readiness.ts).
 */
export type TemporalReadiness =
  | { status: 'ok' }
  | { status: 'temporal_unreachable' }
  | { status: 'search_attributes_missing'; missing: string[] };

/** A probe must answer well within a load balancer's timeout, even while Temporal does not answer at all. */
export const READINESS_DEADLINE_MS = 2_000;

/** The part of a client connection the probe uses (tests pass their own). */
export type ReadinessConnection = Pick<ConnectionLike, 'withDeadline'> & {
  operatorService: Pick<OperatorService, 'listSearchAttributes'>;
};

/**
 * Ready when Temporal answers within the deadline and the namespace has every custom search attribute the
 * scheduler writes (src/temporal/search-attributes.ts registers them at start-up; without them no task can
 * start). One call answers both questions.
 */
export async function checkTemporalReadiness(
  connection: ReadinessConnection,
  namespace: string,
  deadlineMs = READINESS_DEADLINE_MS,
): Promise<TemporalReadiness> {
  let registered: Set<string>;
  try {
    const answer = await connection.withDeadline(Date.now() + deadlineMs, () =>
      connection.operatorService.listSearchAttributes({ namespace }),
    );
    registered = new Set(Object.keys(answer.customAttributes ?? {}));
  } catch {
    // The probe's answer is the point, and it is unauthenticated: any failure means "not reachable", no details.
    return { status: 'temporal_unreachable' };
  }
  const missing = Object.values(SearchAttributes)
    .map((key) => key.name)
    .filter((name) => !registered.has(name));
  return missing.length > 0 ? { status: 'search_attributes_missing', missing } : { status: 'ok' };
}
