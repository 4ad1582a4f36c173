import { type ConnectionLike, NamespaceNotFoundError, isGrpcServiceError } from '@temporalio/client';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { TemporalUnavailableError } from '../errors/temporal-unavailable-error.js';

/** Runs one Temporal call under the deadline; maps an unreachable server to TemporalUnavailableError. */
export type DeadlineCaller = <T>(fn: () => Promise<T>) => Promise<T>;

/**
 * Runs Temporal client calls under one deadline. Without it a call against an unreachable server keeps retrying
 * for ~18 s; with it the API answers 503 promptly and the client can retry.
 */
export function createDeadlineCaller(connection: ConnectionLike, deadlineMs: number): DeadlineCaller {
  return async function callWithDeadline<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await connection.withDeadline(Date.now() + deadlineMs, fn);
    } catch (err) {
      if (isUnavailable(err)) throw new TemporalUnavailableError({ cause: err });
      throw err;
    }
  };
}

const UNAVAILABLE_CODES: ReadonlySet<number> = new Set([
  GrpcStatus.UNAVAILABLE,
  GrpcStatus.DEADLINE_EXCEEDED,
  // A deadline that expires while the call is queued inside the client surfaces as "CANCELLED: Call cancelled"
  // (seen in the bench burst as 500s); the client retries it like any 503, and submissions are idempotent.
  GrpcStatus.CANCELLED,
]);

/**
 * The SDK throws raw gRPC errors from the service stubs and wraps them in a ServiceError from the helpers. A
 * server whose database is restarting answers "namespace not found" for the namespace it served a moment ago (its
 * namespace registry cannot be read): that too is the engine being away, not a missing namespace to report.
 */
function isUnavailable(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (e instanceof NamespaceNotFoundError) return true;
    if (isGrpcServiceError(e)) return UNAVAILABLE_CODES.has(e.code);
  }
  return false;
}
