import { Router } from 'express';
import { TaskNotFoundError } from '../errors/task-not-found-error.js';
import type { TaskService } from '../tasks/task-service.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { parseRequest } from './parse-request.js';
import {
  cancelQuerySchema,
  dependentsQuerySchema,
  listTasksQuerySchema,
  submitTaskSchema,
  taskIdSchema,
} from './schemas.js';
import { requireJson } from './require-json.js';

export function tasksRouter({
  submission,
  queries,
  dependents,
  cancellation,
  admission,
}: TaskService): Router {
  const router = Router();

  router
    .route('/tasks')
    .post(requireJson, async (req, res) => {
      const body = parseRequest(submitTaskSchema, req.body, 'body');
      const { task, created } = await admission.admit(() =>
        submission.submit({ ...body, created_at: new Date().toISOString() }),
      );
      res
        .status(created ? 201 : 200)
        .location(`/api/tasks/${encodeURIComponent(task.id)}`)
        .json(task);
    })
    .get(async (req, res) => {
      const query = parseRequest(listTasksQuerySchema, req.query, 'query');
      res.json(await queries.list(query));
    })
    .all(methodNotAllowed(['GET', 'POST']));

  router
    .route('/tasks/:id')
    .get(async (req, res) => {
      res.json(await queries.get(taskIdParam(req.params.id)));
    })
    .all(methodNotAllowed(['GET']));

  router
    .route('/tasks/:id/cancel')
    .post(async (req, res) => {
      const id = taskIdParam(req.params.id);
      const query = parseRequest(cancelQuerySchema, req.query, 'query');
      const { task, cancelled } = await cancellation.cancel(id, { cascade: query.cascade === 'true' });
      // 202: a RUNNING task's work is being interrupted; the task reads CANCELLED once it has stopped.
      res
        .status(cancelled ? 200 : 202)
        .location(`/api/tasks/${encodeURIComponent(id)}`)
        .json(task);
    })
    .all(methodNotAllowed(['POST']));

  router
    .route('/tasks/:id/dependents')
    .get(async (req, res) => {
      const id = taskIdParam(req.params.id);
      const query = parseRequest(dependentsQuerySchema, req.query, 'query');
      res.json(await dependents.page(id, query));
    })
    .all(methodNotAllowed(['GET']));

  router
    .route('/stats')
    .get(async (_req, res) => {
      res.json(await queries.stats());
    })
    .all(methodNotAllowed(['GET']));

  return router;
}

/** A task id from the path. An id outside the allowed charset can never have been created: it is simply not found. */
function taskIdParam(id: string): string {
  if (!taskIdSchema.safeParse(id).success) throw new TaskNotFoundError(id);
  return id;
}
