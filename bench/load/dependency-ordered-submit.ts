import { setTimeout as sleep } from 'node:timers/promises';
import type { SubmissionResult } from './protocol.js';
import { retryDelayMs } from './retry-policy.js';

/** A submission the API would reject until its dependencies exist: sent only after they were accepted. */
export interface SubmitItem {
  id: string;
  dependencies: string[];
}

export type SubmitOutcome =
  | { ok: true }
  | {
      ok: false;
      /** Busy or unreachable (429, 503, a lost connection): the client tries again until accepted. */
      retryable: boolean;
      /** Names the answer in the counts: "429", "503", "network", ... @defaultValue "other" */
      answer?: string;
      /** The answer's Retry-After, in ms. */
      retryAfterMs?: number;
      message: string;
    };

const ERRORS_KEPT = 10;

/**
 * Submits `items` in list order with at most `inFlight` requests outstanding. Each of the `inFlight` lanes (one
 * client each) takes the next item and first waits until its dependencies were accepted (they are earlier in the
 * list, so they are done or in flight: no deadlock). A retryable answer is retried until the item is accepted,
 * after Retry-After plus jitter (see retry-policy.ts); the benchmark's stall timeout ends a run that never gets
 * through. An item whose dependency failed is not sent and counts as an error.
 */
export async function submitInDependencyOrder<T extends SubmitItem>(
  items: readonly T[],
  inFlight: number,
  submit: (item: T) => Promise<SubmitOutcome>,
  rate: number,
  onAccepted: (item: T) => void,
): Promise<SubmissionResult> {
  const pace = pacer(rate);
  const accepted = new Map(items.map((item) => [item.id, deferred<boolean>()]));
  const result: SubmissionResult = {
    latencies_ms: [],
    accepted_request_ms: [],
    first_sent_at_ms: Number.POSITIVE_INFINITY,
    last_answered_at_ms: 0,
    last_first_attempt_at_ms: 0,
    attempts: 0,
    retries: 0,
    retried_answers: {},
    error_count: 0,
    errors: [],
  };
  const fail = (message: string) => {
    result.error_count++;
    if (result.errors.length < ERRORS_KEPT) result.errors.push(message);
  };

  async function sendWithRetries(item: T): Promise<boolean> {
    const firstAt = Date.now();
    result.first_sent_at_ms = Math.min(result.first_sent_at_ms, firstAt);
    result.last_first_attempt_at_ms = Math.max(result.last_first_attempt_at_ms, firstAt);
    const sentAt = performance.now();
    for (let attempt = 0; ; attempt++) {
      const requestAt = performance.now();
      result.attempts++;
      const outcome = await submit(item);
      result.last_answered_at_ms = Math.max(result.last_answered_at_ms, Date.now());
      if (outcome.ok) {
        const now = performance.now();
        result.latencies_ms.push(now - sentAt);
        result.accepted_request_ms.push(now - requestAt);
        return true;
      }
      if (!outcome.retryable) {
        fail(`${item.id}: ${outcome.message}`);
        return false;
      }
      result.retries++;
      const answer = outcome.answer ?? 'other';
      result.retried_answers[answer] = (result.retried_answers[answer] ?? 0) + 1;
      await sleep(retryDelayMs(attempt, outcome.retryAfterMs));
    }
  }

  let next = 0;
  async function lane(): Promise<void> {
    while (next < items.length) {
      const item = items[next++]!;
      const depsOk = await Promise.all(
        item.dependencies.map((id) => accepted.get(id)?.promise ?? Promise.resolve(false)),
      );
      let ok = false;
      if (depsOk.every(Boolean)) {
        await pace();
        ok = await sendWithRetries(item);
      } else fail(`${item.id}: not sent, a dependency was not accepted`);
      if (ok) onAccepted(item);
      accepted.get(item.id)!.resolve(ok);
    }
  }
  await Promise.all(Array.from({ length: Math.min(inFlight, items.length) }, lane));
  if (result.latencies_ms.length === 0) result.first_sent_at_ms = result.last_answered_at_ms;
  return result;
}

/** Spaces calls `1000 / rate` ms apart across all lanes; with rate 0 it never waits. */
function pacer(rate: number): () => Promise<void> {
  if (rate <= 0) return () => Promise.resolve();
  let nextSlot = performance.now();
  return async () => {
    const slot = Math.max(nextSlot, performance.now());
    nextSlot = slot + 1000 / rate;
    await sleep(slot - performance.now());
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
