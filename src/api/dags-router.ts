import express, { Router } from 'express';
import { DagNotFoundError } from '../errors/dag-not-found-error.js';
import { dagIdSchema, submitDagSchema } from '../shared/dag-definition.js';
import type { TaskService } from '../tasks/task-service.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { parseRequest } from './parse-request.js';
import { requireJson } from './require-json.js';

/**
 * Body limit of `POST /api/dags`, in bytes: 10,000 tasks with ids of a few dozen characters and a few dependencies
 * each take about 2 MB of JSON, so the 1 MB of `POST /api/tasks` would not do.
 */
export const DAG_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * `POST /api/dags` and `GET /api/dags/:dag_id`. Mounted ahead of the app's JSON parser, whose 1 MB limit is for one
 * task: this router parses its own bodies, with the DAG's limit.
 */
export function dagsRouter({ dags, dagQueries, admission }: TaskService): Router {
  const router = Router();
  const json = express.json({ limit: DAG_BODY_LIMIT_BYTES, type: 'application/json' });

  router
    .route('/dags')
    .post(requireJson, json, async (req, res) => {
      const body = parseRequest(submitDagSchema, req.body, 'body');
      // RFC 7240: a client that would rather follow the Location than wait for thousands of tasks says so.
      const respondAsync = /(^|[\s,])respond-async\b/i.test(req.get('prefer') ?? '');
      const createdAt = new Date().toISOString();
      const result = await admission.admit(
        () => dags.submit({ body, createdAt, respondAsync }),
        body.tasks.length,
      );
      const status = { created: 201, existing: 200, pending: 202 }[result.outcome];
      if (respondAsync) res.setHeader('Preference-Applied', 'respond-async');
      res
        .status(status)
        .location(`/api/dags/${encodeURIComponent(result.dag.dag_id)}`)
        .json(result.dag);
    })
    .all(methodNotAllowed(['POST']));

  router
    .route('/dags/:dag_id')
    .get(async (req, res) => {
      const dagId = req.params.dag_id;
      // An id outside the allowed charset can never have been created: it is simply not found.
      if (!dagIdSchema.safeParse(dagId).success) throw new DagNotFoundError(dagId);
      res.json(await dagQueries.get(dagId));
    })
    .all(methodNotAllowed(['GET']));

  return router;
}
