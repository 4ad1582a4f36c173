import { describe, expect, it } from 'vitest';
import { OverloadedError } from '../../src/errors/overloaded-error.js';
import { AdmissionControl } from '../../src/tasks/admission-control.js';
import { MAX_RATE_RETRY_AFTER_S, StartRateLimit } from '../../src/tasks/start-rate-limit.js';

function limited(perSecond: number) {
  const clock = { now: 0 };
  return { clock, limit: new StartRateLimit(perSecond, () => clock.now) };
}

const admittedCount = (limit: StartRateLimit, attempts: number) =>
  Array.from({ length: attempts }, () => limit.take(1)).filter((answer) => answer.admitted).length;

describe('StartRateLimit', () => {
  it("admits one second's worth at once, then what the rate refills", () => {
    const { clock, limit } = limited(10);
    expect(admittedCount(limit, 25)).toBe(10);
    clock.now = 500;
    expect(admittedCount(limit, 25)).toBe(5);
    clock.now = 10_000; // a long quiet spell refills the bucket only to its capacity
    expect(admittedCount(limit, 25)).toBe(10);
  });

  it('over a long run admits the rate, whatever the offered load', () => {
    const { clock, limit } = limited(20);
    let admitted = 0;
    for (clock.now = 0; clock.now < 60_000; clock.now += 10) admitted += admittedCount(limit, 3); // 300/s offered
    expect(admitted).toBeGreaterThanOrEqual(20 * 60);
    expect(admitted).toBeLessThanOrEqual(20 * 60 + 20);
  });

  it('hands refused clients consecutive slots, one task apart, instead of all the same second', () => {
    const { limit } = limited(4);
    admittedCount(limit, 4);
    const waits = Array.from({ length: 12 }, () => limit.take(1)).map((answer) =>
      answer.admitted ? 0 : answer.retryAfterSeconds,
    );
    // Four slots a second: the first four refused come back within 1 s, the next four within 2 s, and so on.
    expect(waits).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
  });

  it('admits a DAG whole on one token, and its debt holds back what follows', () => {
    const { clock, limit } = limited(10);
    expect(limit.take(1).admitted).toBe(true);
    expect(limit.take(100).admitted).toBe(true); // 9 tokens left: admitted, 91 in debt
    const refused = limit.take(1);
    expect(refused).toEqual({ admitted: false, retryAfterSeconds: 10 }); // (91 + 1) / 10 s until a token
    clock.now = 9_000;
    expect(limit.take(1).admitted).toBe(false);
    clock.now = 9_300;
    expect(limit.take(1).admitted).toBe(true);
  });

  it('never asks for more than the cap, however many clients were refused', () => {
    const { limit } = limited(1);
    limit.take(1);
    const waits = Array.from({ length: 100 }, () => limit.take(1)).map((answer) =>
      answer.admitted ? 0 : answer.retryAfterSeconds,
    );
    expect(Math.max(...waits)).toBe(MAX_RATE_RETRY_AFTER_S);
    expect(waits.slice(0, 3)).toEqual([1, 2, 3]);
  });
});

describe('AdmissionControl with a rate', () => {
  it('refuses past the rate without running the submission or reading the backlog', async () => {
    const clock = { now: 0 };
    let backlogReads = 0;
    const control = new AdmissionControl({
      queued: () => Promise.resolve((backlogReads += 1) && 0),
      startsPerSecond: () => Promise.resolve(0),
      maxQueued: 10,
      maxInFlight: 0,
      maxPerSecond: 2,
      now: () => clock.now,
    });
    let ran = 0;
    const submit = () => Promise.resolve((ran += 1));
    await control.admit(submit);
    await control.admit(submit);
    const err: unknown = await control.admit(submit).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OverloadedError);
    expect((err as OverloadedError).message).toContain('over 2 new tasks/s on this API');
    expect((err as OverloadedError).retryAfterSeconds).toBe(1);
    expect({ ran, backlogReads }).toEqual({ ran: 2, backlogReads: 2 });
    clock.now = 600;
    await expect(control.admit(submit)).resolves.toBe(3);
  });
});
