// Property-based tests of POST /api/tasks with generated JSON bodies, over real HTTP against a real API process
// and worker: arbitrary values, near-valid and valid submissions, and concurrent bursts. Whatever is sent, the
// answer is never a 5xx, every error has the one shape, a rejected body never creates a task, and an accepted one
// is stored as sent. An oracle (test/helpers/submission-model.ts) predicts the exact answer where it can.
// Bodies that are not JSON, content types, encodings and sizes: hostile-body-bytes.test.ts. GET endpoints,
// paths, methods, headers and raw bytes: hostile-task-lookups, hostile-methods-and-headers and
// hostile-auth-and-wire.test.ts.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectApiAlive } from '../helpers/answers.js';
import {
  type SubmissionArbitraryOptions,
  applyMutation,
  arbitraryJsonBody,
  nearValidSubmission,
  validSubmission,
} from '../helpers/hostile-arbitraries.js';
import { modelledSubmissionChecks, pick, startModelledScheduler } from '../helpers/modelled-submissions.js';
import { runs } from '../helpers/properties.js';
import type { Scheduler } from '../helpers/scheduler.js';
import { type SubmittedFields, type SubmissionModel, overTheWire } from '../helpers/submission-model.js';

let s: Scheduler;
let model: SubmissionModel;
let options: SubmissionArbitraryOptions;

beforeAll(async () => {
  ({ s, model, options } = await startModelledScheduler('hostile-json-bodies'));
});
afterEach(() => expectApiAlive(s));
afterAll(() => s?.stop());

const { post, expectModelled } = modelledSubmissionChecks(() => ({ s, model, options }));

describe('POST /api/tasks, JSON bodies', () => {
  it('answers arbitrary JSON values as modelled, never with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryJsonBody(options.prefix), async (value) => {
        const text = JSON.stringify(value);
        await expectModelled(await post(text), overTheWire(value), `POST ${text.slice(0, 300)}`);
      }),
      runs(500),
    );
  });

  it('rejects every near-valid body (one field removed, broken or added) as modelled, creating nothing', async () => {
    await fc.assert(
      fc.asyncProperty(nearValidSubmission(options), async ({ base, mutation }) => {
        const body = applyMutation(base, mutation);
        const text = JSON.stringify(body);
        await expectModelled(await post(text), overTheWire(body), `POST ${text.slice(0, 300)}`);
      }),
      runs(400),
    );
  });

  it('creates every fresh valid body with 201, and GET returns the fields as sent', async () => {
    let created = 0;
    await fc.assert(
      fc.asyncProperty(validSubmission(options), async (body) => {
        fc.pre(model.task(body.id) === undefined); // a repeated id is the idempotency tests' business
        const res = await post(JSON.stringify(body));
        expect(res.status, res.text).toBe(201);
        await expectModelled(res, overTheWire(body), `POST ${JSON.stringify(body)}`);
        created += 1;
      }),
      runs(120),
    );
    expect(created).toBeGreaterThan(100);
  });

  it('answers bursts of concurrent near-valid bodies as modelled', async () => {
    const burst = fc.uniqueArray(nearValidSubmission(options), {
      minLength: 5,
      maxLength: 30,
      selector: ({ base }) => base.id,
    });
    await fc.assert(
      fc.asyncProperty(burst, async (items) => {
        const bodies = items.map(({ base, mutation }) => overTheWire(applyMutation(base, mutation)));
        // Ids are distinct and dependencies only name tasks created before: the answers are independent.
        const expected = bodies.map((body) => model.expect(body));
        const answers = await Promise.all(bodies.map((body) => post(JSON.stringify(body))));
        for (const res of answers) if (res.status === 201) model.record(pick(res.json) as SubmittedFields);
        for (const [i, res] of answers.entries()) {
          const request = `POST ${JSON.stringify(bodies[i]).slice(0, 300)}`;
          await expectModelled(res, bodies[i], request, expected[i]);
        }
      }),
      runs(10),
    );
  });
});
