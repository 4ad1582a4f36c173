import { Router } from 'express';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import type { ApiMetrics } from '../metrics/api-metrics.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { parseRequest } from './parse-request.js';

/**
 * `?name=` (repeatable) selects metrics by name. A scrape of only some skips collecting the others: a watcher that
 * reads `dag_admission_rate` every second does not make the API count visibility for `dag_tasks` as often. Other
 * query parameters are ignored, as on the probes: a Prometheus scrape config may add its own (`params:`).
 */
function metricsQuerySchema(registry: Registry) {
  const name = z.string().refine((n) => registry.getSingleMetric(n) !== undefined, {
    error: (issue) => `no metric named ${JSON.stringify(issue.input)}`,
  });
  return z
    .object({
      name: z
        .union([name, z.array(name)])
        .transform((names) => (Array.isArray(names) ? names : [names]))
        .optional(),
    })
    .strip();
}

/** `GET /metrics`: the API's metrics in Prometheus' text format, all of them or those named. */
export function metricsRoute(metrics: ApiMetrics): Router {
  const { registry } = metrics;
  const querySchema = metricsQuerySchema(registry);
  const router = Router();
  router
    .route('/metrics')
    .get(async (req, res) => {
      const { name } = parseRequest(querySchema, req.query, 'query');
      const text = name
        ? (await Promise.all(name.map((n) => registry.getSingleMetricAsString(n)))).join('\n') + '\n'
        : await registry.metrics();
      res.setHeader('Cache-Control', 'no-store').type(registry.contentType).send(text);
    })
    .all(methodNotAllowed(['GET']));
  return router;
}
