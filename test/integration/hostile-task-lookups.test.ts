// Property-based tests of GET /api/tasks/:id, GET /api/tasks/:id/dependents, POST /api/tasks/:id/cancel and
// GET /api/tasks with hostile input, over real HTTP against a
// real API process and worker: arbitrary ids and percent-garbage in paths, arbitrary query strings. Whatever is
// sent, the answer is never a 5xx, every error has the one shape, and the process stays up. Other endpoints,
// methods, headers: hostile-methods-and-headers.test.ts; bearer tokens and raw bytes: hostile-auth-and-wire;
// POST bodies: hostile-json-bodies and hostile-body-bytes.
import { parse as parseQuery } from 'node:querystring';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  cancelQuerySchema,
  dependentsQuerySchema,
  listTasksQuerySchema,
  taskIdSchema,
  taskPageSchema,
  taskSchema,
} from '../../src/api/schemas.js';
import { decodeCursor, encodeCursor } from '../../src/tasks/cursor.js';
import { expectApiAlive } from '../helpers/answers.js';
import {
  encodable,
  invalidId,
  listQueryName,
  listQueryValue,
  prefixedId,
} from '../helpers/hostile-arbitraries.js';
import { runs } from '../helpers/properties.js';
import { wellFormed } from '../helpers/raw-answers.js';
import { type RawRequest, rawRequest } from '../helpers/raw-http.js';
import { type Scheduler, startScheduler } from '../helpers/scheduler.js';

let s: Scheduler;
let prefix: string;
let knownIds: string[];
let realCursor: string;

beforeAll(async () => {
  s = await startScheduler('hostile-task-lookups');
  prefix = `${s.id('r')}-`;
  knownIds = [`${prefix}known-0`, `${prefix}known-1`];
  for (const id of knownIds) expect((await s.api.submit({ id })).status).toBe(201);
  // A cursor this API produced: visibility shows new tasks after a short lag.
  realCursor = await vi.waitFor(
    async () => {
      const page = await s.api.list({ limit: 1 });
      expect(page.body.next_cursor).toEqual(expect.any(String));
      return page.body.next_cursor!;
    },
    { timeout: 10_000, interval: 50 },
  );
});
afterEach(() => expectApiAlive(s));
afterAll(() => s?.stop());

const send = (request: RawRequest, baseUrl = s.api.baseUrl) => rawRequest(baseUrl, request);

describe('GET /api/tasks/:id', () => {
  it('answers any id: the task if it exists, else 404 NOT_FOUND naming the id', async () => {
    const id = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
      prefixedId(prefix, 20),
      invalidId(prefix).filter((v): v is string => encodable(v) && v.length > 0),
      fc.constantFrom(...knownIds, '.', '..', '...', '%', '%2F', 'a/b', '\\', '\u0000', ' '),
    );
    await fc.assert(
      fc.asyncProperty(id, async (taskId) => {
        const path = `/api/tasks/${encodeURIComponent(taskId)}`;
        const res = await send({ path });
        const error = wellFormed(res, `GET ${path}`);
        if (knownIds.includes(taskId)) {
          expect(res.status).toBe(200);
          expect(taskSchema.parse(res.json).id).toBe(taskId);
        } else {
          expect(res.status, `GET ${path}: ${res.text}`).toBe(404);
          expect(error?.code).toBe('NOT_FOUND');
          expect(error?.message).toContain(taskId);
        }
      }),
      runs(500),
    );
  });

  it('answers percent-garbage, dot segments and slashes in the path with a 4xx in the error shape', async () => {
    const segment = fc.string({
      unit: fc.constantFrom(..."%0123456789abcdefABCDEFgzGZ./_-~:@!$&'()*+,;="),
      minLength: 1,
      maxLength: 24,
    });
    await fc.assert(
      fc.asyncProperty(segment, async (raw) => {
        const path = `/api/tasks/${raw}`;
        const res = await send({ path });
        const error = wellFormed(res, `GET ${path}`);
        if (raw.includes('/')) return; // another route, or none: checked above for shape only
        let id: string;
        try {
          id = decodeURIComponent(raw);
        } catch {
          expect(res.status, `GET ${path}: ${res.text}`).toBe(400);
          expect(error?.code).toBe('BAD_REQUEST');
          return;
        }
        expect(res.status, `GET ${path}: ${res.text}`).toBe(knownIds.includes(id) ? 200 : 404);
        if (res.status === 404) expect(error?.message).toContain(id);
      }),
      runs(400),
    );
  });
});

describe('GET /api/tasks/:id/dependents', () => {
  it('answers any id and query string: a page, 400 naming the bad parameter or cursor, or 404', async () => {
    const id = fc.oneof(
      prefixedId(prefix, 20),
      invalidId(prefix).filter((v): v is string => encodable(v) && v.length > 0),
      fc.constantFrom(...knownIds),
    );
    // A cursor of this endpoint carries the last id of the page before.
    const ownCursor = fc.constantFrom(...knownIds, 'a', 'zzz').map((last) => encodeCursor(Buffer.from(last)));
    const value = fc.oneof({ weight: 4, arbitrary: listQueryValue }, ownCursor, fc.constant(realCursor));
    const query = fc
      .array(fc.tuple(listQueryName, value), { maxLength: 3 })
      .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
    await fc.assert(
      fc.asyncProperty(id, query, async (taskId, rawQuery) => {
        const path = `/api/tasks/${encodeURIComponent(taskId)}/dependents?${rawQuery}`;
        const res = await send({ path });
        const error = wellFormed(res, `GET ${path}`);
        const expectNotFound = () => {
          expect(res.status, `GET ${path}: ${res.text}`).toBe(404);
          expect(error?.message).toContain(taskId);
        };
        // The id is checked first: one outside the charset was never created.
        if (!taskIdSchema.safeParse(taskId).success) return expectNotFound();
        const parsed = dependentsQuerySchema.safeParse(parseQuery(rawQuery));
        if (!parsed.success) {
          expect(res.status, `GET ${path}: ${res.text}`).toBe(400);
          return void expect(error?.code).toBe('VALIDATION_ERROR');
        }
        const { cursor, limit } = parsed.data;
        if (cursor !== undefined && !isDependentsCursor(cursor)) {
          expect(res.status, `GET ${path}: ${res.text}`).toBe(400);
          return void expect(error?.code).toBe('INVALID_CURSOR');
        }
        if (!knownIds.includes(taskId)) return expectNotFound();
        expect(res.status, `GET ${path}: ${res.text}`).toBe(200);
        expect(taskPageSchema.parse(res.json).tasks.length).toBeLessThanOrEqual(limit);
      }),
      runs(300),
    );
  });
});

describe('POST /api/tasks/:id/cancel', () => {
  it('answers any id and query string: 200 for a cancelled task, 409 for a settled one, else 400 or 404', async () => {
    for (const known of knownIds) expect((await s.settled(known)).status).toBe('COMPLETED');
    const cancelled = `${prefix}cancelled`;
    const later = new Date(Date.now() + 3_600_000).toISOString();
    expect((await s.api.submit({ id: cancelled, not_before: later })).status).toBe(201);
    expect((await s.api.cancel(cancelled)).status).toBe(200);
    const id = fc.oneof(
      prefixedId(prefix, 20),
      invalidId(prefix).filter((v): v is string => encodable(v) && v.length > 0),
      fc.constantFrom(...knownIds, cancelled),
    );
    const value = fc.oneof(fc.constantFrom('true', 'false', 'TRUE', '1', ''), listQueryValue);
    const query = fc
      .array(fc.tuple(fc.oneof(fc.constant('cascade'), listQueryName), value), { maxLength: 3 })
      .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
    await fc.assert(
      fc.asyncProperty(id, query, async (taskId, rawQuery) => {
        const path = `/api/tasks/${encodeURIComponent(taskId)}/cancel?${rawQuery}`;
        const res = await send({ method: 'POST', path });
        const error = wellFormed(res, `POST ${path}`);
        const expectNotFound = () => {
          expect(res.status, `POST ${path}: ${res.text}`).toBe(404);
          expect(error?.message).toContain(taskId);
        };
        if (!taskIdSchema.safeParse(taskId).success) return expectNotFound();
        if (!cancelQuerySchema.safeParse(parseQuery(rawQuery)).success) {
          expect(res.status, `POST ${path}: ${res.text}`).toBe(400);
          return void expect(error?.code).toBe('VALIDATION_ERROR');
        }
        if (taskId === cancelled) {
          expect(res.status, `POST ${path}: ${res.text}`).toBe(200);
          return void expect(taskSchema.parse(res.json).status).toBe('CANCELLED');
        }
        if (!knownIds.includes(taskId)) return expectNotFound();
        expect(res.status, `POST ${path}: ${res.text}`).toBe(409);
        expect(error?.code).toBe('TASK_SETTLED');
      }),
      runs(200),
    );
  });
});

describe('GET /api/tasks', () => {
  it('answers any query string: a page matching the filters, or 400 naming the bad parameter', async () => {
    const value = fc.oneof(
      { weight: 5, arbitrary: listQueryValue },
      fc.constant(realCursor),
      fc.nat().map((i) => {
        const at = i % realCursor.length; // one character of a real cursor changed
        return realCursor.slice(0, at) + (realCursor[at] === 'A' ? 'B' : 'A') + realCursor.slice(at + 1);
      }),
    );
    const encodedPairs = fc
      .array(fc.tuple(listQueryName, value), { maxLength: 5 })
      .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
    const rawQuery = fc.string({
      unit: fc.constantFrom(...'%&=+;#[]limitsauc0123456789AZ_-.'),
      maxLength: 30,
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(encodedPairs, rawQuery), async (query) => {
        const path = `/api/tasks?${query}`;
        const res = await send({ path });
        const error = wellFormed(res, `GET ${path}`);
        // The API's query parser is Node's querystring ('simple'); '#' starts a fragment, never sent by clients.
        const parsed = listTasksQuerySchema.safeParse(parseQuery(query.split('#')[0]!));
        if (!parsed.success) {
          expect(res.status, `GET ${path}: ${res.text}`).toBe(400);
          expect(error?.code).toBe('VALIDATION_ERROR');
          for (const issue of parsed.error.issues) {
            const names = issue.code === 'unrecognized_keys' ? issue.keys : [String(issue.path[0])];
            for (const name of names) expect(error?.message).toContain(name);
          }
          return;
        }
        const { cursor, status, type, limit } = parsed.data;
        if (cursor !== undefined && !isOwnCursor(cursor)) {
          expect(res.status, `GET ${path}: ${res.text}`).toBe(400);
          expect(error?.code).toBe('INVALID_CURSOR');
          return;
        }
        // A real cursor under other filters may be refused by Temporal: INVALID_CURSOR then, never a 5xx.
        if (cursor !== undefined && res.status === 400)
          return void expect(error?.code).toBe('INVALID_CURSOR');
        expect(res.status, `GET ${path}: ${res.text}`).toBe(200);
        const page = taskPageSchema.parse(res.json);
        expect(page.tasks.length).toBeLessThanOrEqual(limit);
        for (const task of page.tasks) {
          if (status) expect(task.status).toBe(status);
          if (type) expect(task.type).toBe(type);
        }
      }),
      runs(300),
    );
  });
});

function isOwnCursor(cursor: string): boolean {
  try {
    decodeCursor(cursor);
    return true;
  } catch {
    return false;
  }
}

function isDependentsCursor(cursor: string): boolean {
  try {
    return taskIdSchema.safeParse(Buffer.from(decodeCursor(cursor)).toString('utf8')).success;
  } catch {
    return false;
  }
}
