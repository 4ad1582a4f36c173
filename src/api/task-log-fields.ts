import type { Request } from 'express';
import { taskWorkflowId } from '../shared/workflow-ids.js';
import { taskIdSchema } from './schemas.js';

export interface TaskLogFields {
  taskId: string;
  workflowId: string;
}

const SUBMIT_PATH = /^\/api\/tasks\/?$/i;
const TASK_PATH = /^\/api\/tasks\/([^/]+)\/?$/i;

/**
 * The task a request is about, for its log line: the id of a submission's body or of `GET /api/tasks/:id`, with
 * the task's workflow id, so that one search finds a task's requests, workflow and work. Only well-formed ids:
 * anything else can never be a task. Read when the answer is logged, once the body has been parsed.
 */
export function taskLogFields(req: Request): TaskLogFields | undefined {
  const path = req.originalUrl.split('?')[0] ?? '';
  let id: unknown;
  if (req.method === 'POST' && SUBMIT_PATH.test(path)) id = (req.body as { id?: unknown } | undefined)?.id;
  else if (req.method === 'GET') id = decoded(TASK_PATH.exec(path)?.[1]);
  if (!taskIdSchema.safeParse(id).success) return undefined;
  return { taskId: id as string, workflowId: taskWorkflowId(id as string) };
}

function decoded(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch (err) {
    if (err instanceof URIError) return undefined; // malformed escaping: answered 400, about no task
    throw err;
  }
}
