// The checks shared by the property tests of POST /api/tasks with hostile input: a scheduler with known tasks
// that generated dependencies may name, and answers checked against the oracle of
// test/helpers/submission-model.ts, with the store checked by GET after each one.
import { expect } from 'vitest';
import { SUBMITTED_FIELDS } from '../../src/shared/task-definition.js';
import { type ErrorAnswer, expectWellFormed } from './answers.js';
import { type SubmissionArbitraryOptions, encodable } from './hostile-arbitraries.js';
import { answerOf } from './raw-answers.js';
import { type RawResponse, rawRequest } from './raw-http.js';
import { type Scheduler, startScheduler } from './scheduler.js';
import { type SubmittedFields, SubmissionModel, overTheWire } from './submission-model.js';

export const JSON_TYPE = { 'content-type': 'application/json' };

/** What a file's checks run against: its scheduler, the model of what it stored, and the arbitraries' options. */
export interface ModelledScheduler {
  s: Scheduler;
  model: SubmissionModel;
  options: SubmissionArbitraryOptions;
}

/** Starts a scheduler named `name` and creates the known tasks, recorded in a fresh model. */
export async function startModelledScheduler(name: string): Promise<ModelledScheduler> {
  const s = await startScheduler(name);
  const prefix = `${s.id('h')}-`;
  const known: SubmittedFields[] = [0, 1, 2].map((i) => ({
    id: `${prefix}known-${i}`,
    type: 'KNOWN',
    duration_ms: 0,
    dependencies: [],
    max_attempts: 3,
    fail_attempts: 0,
  }));
  for (const task of known) expect((await s.api.submit(task)).status).toBe(201);
  const model = new SubmissionModel(known);
  const options = { prefix, knownIds: known.map((t) => t.id) };
  return { s, model, options };
}

export const pick = (task: unknown) =>
  Object.fromEntries(SUBMITTED_FIELDS.map((f) => [f, (task as Record<string, unknown>)[f]]));

/** A validation error names each problem: its field, and the rule's message, appear in the message. */
function expectNamesProblems(error: ErrorAnswer, fields: string[] | undefined, request: string) {
  if (fields === undefined) {
    expect(error.details, request).toBeUndefined();
    expect(error.message, request).toMatch(/JSON/);
    return;
  }
  const details = error.details as { field: string; message: string }[];
  expect([...new Set(details.map((d) => d.field))].sort(), request).toEqual(fields);
  for (const d of details) {
    expect(error.message, request).toContain(d.message);
    if (d.field !== 'body') expect(error.message, request).toContain(d.field);
  }
}

/** The checks, against what `target` returns when they run (it is set in a beforeAll). */
export function modelledSubmissionChecks(target: () => ModelledScheduler) {
  const post = (body: string | Uint8Array, headers: Record<string, string> = JSON_TYPE) =>
    rawRequest(target().s.api.baseUrl, { method: 'POST', path: '/api/tasks', headers, body });

  const wellFormed = (res: RawResponse, request: string) => expectWellFormed(answerOf(res), request, 'POST');

  /** GET of one id, as a path segment sent byte for byte (`..` stays `..`). */
  const getTask = (id: string) =>
    rawRequest(target().s.api.baseUrl, { path: `/api/tasks/${encodeURIComponent(id)}` });

  /**
   * The task with this id is exactly what the model says: the task the test created, or none. Proves that a
   * rejected submission created nothing and changed nothing.
   */
  async function expectStoredAsModelled(id: unknown, request: string) {
    if (!encodable(id) || id === '') return; // such an id cannot be created either
    const res = await getTask(id);
    const stored = target().model.task(id);
    if (stored) {
      expect(res.status, `${request}: GET ${id}`).toBe(200);
      expect(pick(res.json), `${request}: GET ${id}`).toEqual(overTheWire(stored));
    } else {
      const error = wellFormed(res, `${request}: GET ${id}`);
      expect(res.status, `${request}: GET ${id} ${res.text}`).toBe(404);
      expect(error?.message).toContain(id);
    }
  }

  /**
   * Checks an answer to a body that the server parsed into `parsed` against the model's prediction, records a
   * created task, and checks the store by GET.
   */
  async function expectModelled(
    res: RawResponse,
    parsed: unknown,
    request: string,
    expected = target().model.expect(parsed),
  ) {
    // Whatever the server created is recorded first, so that a failed check does not desynchronise the model from
    // the server while fast-check shrinks the counterexample.
    if (res.status === 201) target().model.record(pick(res.json) as SubmittedFields);
    const error = wellFormed(res, request);
    const context = `${request} answered ${res.status} ${res.text.slice(0, 300)}`;
    expect(res.status, context).toBe(expected.status);
    switch (expected.status) {
      case 201:
      case 200: {
        const task = overTheWire(expected.task) as SubmittedFields;
        expect(pick(res.json), context).toEqual(task);
        expect(res.headers.location, context).toBe(`/api/tasks/${encodeURIComponent(task.id)}`);
        break;
      }
      case 400:
        expect(error?.code, context).toBe(expected.code);
        expectNamesProblems(error!, expected.fields, context);
        break;
      case 409:
        expect(error?.code, context).toBe(expected.code);
        // The README leaves their order open.
        expect(Object.keys(error?.details ?? {}), context).toEqual(['differing_fields']);
        expect((error?.details as { differing_fields: string[] }).differing_fields.sort(), context).toEqual(
          expected.differing,
        );
        for (const field of expected.differing) expect(error?.message, context).toContain(field);
        break;
      case 422:
        expect(error?.code, context).toBe(expected.code);
        if (expected.code === 'UNKNOWN_DEPENDENCY') {
          expect(error?.details, context).toEqual({ missing: expected.missing });
          for (const id of expected.missing) expect(error?.message, context).toContain(id);
        }
        break;
    }
    await expectStoredAsModelled((parsed as { id?: unknown } | null)?.id, request);
  }

  /**
   * For inputs whose exact answer depends on details the model leaves out (a charset, a corrupt stream): the
   * answer is either `allowed` (rejected, nothing created) or exactly the modelled one.
   */
  async function expectModelledOr(allowed: number[], res: RawResponse, parsed: unknown, request: string) {
    if (!allowed.includes(res.status)) return expectModelled(res, parsed, request);
    wellFormed(res, request);
    await expectStoredAsModelled((parsed as { id?: unknown } | null)?.id, request);
  }

  return { post, wellFormed, expectStoredAsModelled, expectModelled, expectModelledOr };
}
