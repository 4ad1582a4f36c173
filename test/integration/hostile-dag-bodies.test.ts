// Property-based tests of POST /api/dags with generated bodies, over real HTTP against a real API and worker:
// whatever is sent, the answer is never a 5xx, every error has the one shape, and a DAG is created whole or not at
// all: after a 2xx every one of its tasks exists, after an error none of them does.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { taskIdSchema } from '../../src/shared/task-definition.js';
import { dagWorkflowId } from '../../src/shared/workflow-ids.js';
import { expectApiAlive } from '../helpers/answers.js';
import {
  type SubmissionArbitraryOptions,
  applyMutation,
  arbitraryJsonBody,
  encodable,
  nearValidSubmission,
  validSubmission,
} from '../helpers/hostile-arbitraries.js';
import { JSON_TYPE, startModelledScheduler } from '../helpers/modelled-submissions.js';
import { runs } from '../helpers/properties.js';
import { wellFormed } from '../helpers/raw-answers.js';
import { type RawResponse, rawRequest } from '../helpers/raw-http.js';
import type { Scheduler } from '../helpers/scheduler.js';

let s: Scheduler;
let options: SubmissionArbitraryOptions;

beforeAll(async () => {
  ({ s, options } = await startModelledScheduler('hostile-dag-bodies'));
});
afterEach(() => expectApiAlive(s));
afterAll(() => s?.stop());

const post = (body: unknown) =>
  rawRequest(s.api.baseUrl, {
    method: 'POST',
    path: '/api/dags',
    headers: JSON_TYPE,
    body: JSON.stringify(body),
  });

/** Ids of the tasks in a body that a task could have (the others can never exist). */
const possibleIds = (tasks: unknown[]): string[] =>
  tasks
    .map((t) => (t as { id?: unknown } | null)?.id)
    .filter((id): id is string => encodable(id) && taskIdSchema.safeParse(id).success);

/** Ids that earlier (accepted) DAGs created: a later rejection does not remove them. */
const createdBefore = new Set<string>();

/**
 * After a 2xx every task of the DAG exists (after a 202, once its submission completed); after an error none of
 * those new to this request does.
 */
async function expectWholeOrNothing(res: RawResponse, tasks: unknown[], request: string) {
  const { status } = res;
  if (status === 202) {
    const { dag_id } = res.json as { dag_id: string };
    await s.client.workflow.getHandle(dagWorkflowId(dag_id)).result();
  }
  for (const id of possibleIds(tasks)) {
    const stored = await s.api.get(id);
    if (status < 300) {
      expect(stored.status, `${request} answered ${status}: GET ${id}`).toBe(200);
      createdBefore.add(id);
    } else if (!createdBefore.has(id)) {
      expect(stored.status, `${request}: GET ${id}`).toBe(404);
    }
  }
}

describe('POST /api/dags', () => {
  it('answers arbitrary JSON, bare or as the task list, with a well-formed error or success, never a 5xx', async () => {
    const body = fc.oneof(
      arbitraryJsonBody(options.prefix),
      fc.array(arbitraryJsonBody(options.prefix), { maxLength: 4 }).map((tasks) => ({ tasks })),
    );
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const request = `POST ${JSON.stringify(value).slice(0, 300)}`;
        const res = await post(value);
        wellFormed(res, request, 'POST');
        const tasks = (value as { tasks?: unknown } | null)?.tasks;
        if (Array.isArray(tasks)) await expectWholeOrNothing(res, tasks, request);
      }),
      runs(300),
    );
  });

  it('creates a DAG of valid and near-valid tasks whole, or rejects it creating none of them', async () => {
    const dag = fc.record({
      valid: fc.uniqueArray(validSubmission(options), { minLength: 0, maxLength: 4, selector: (t) => t.id }),
      broken: fc.option(nearValidSubmission(options), { nil: undefined }),
      // Dependencies between tasks of the DAG (by index), possibly making a cycle.
      links: fc.array(fc.tuple(fc.nat({ max: 4 }), fc.nat({ max: 4 })), { maxLength: 4 }),
    });
    let created = 0;
    await fc.assert(
      fc.asyncProperty(dag, async ({ valid, broken, links }) => {
        const tasks: Record<string, unknown>[] = valid.map((t) => ({
          ...t,
          dependencies: [...(t.dependencies ?? [])],
        }));
        for (const [from, to] of links) {
          const [a, b] = [tasks[from], tasks[to]];
          const deps = a?.dependencies as string[] | undefined;
          if (a && b && deps && !deps.includes(b.id as string)) deps.push(b.id as string);
        }
        if (broken) tasks.push(applyMutation(broken.base, broken.mutation));
        const request = `POST ${JSON.stringify({ tasks }).slice(0, 400)}`;
        const res = await post({ tasks });
        wellFormed(res, request, 'POST');
        if (res.status < 300) created += 1;
        await expectWholeOrNothing(res, tasks, request);
      }),
      runs(60),
    );
    expect(created).toBeGreaterThan(5);
  });
});
