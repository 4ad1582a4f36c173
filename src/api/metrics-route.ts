import { Router } from 'express';
import type { ApiMetrics } from '../metrics/api-metrics.js';
import { methodNotAllowed } from './method-not-allowed.js';

/** `GET /metrics`: the API's metrics in Prometheus' text format. */
export function metricsRoute(metrics: ApiMetrics): Router {
  const router = Router();
  router
    .route('/metrics')
    .get(async (_req, res) => {
      const text = await metrics.registry.metrics();
      res.setHeader('Cache-Control', 'no-store').type(metrics.registry.contentType).send(text);
    })
    .all(methodNotAllowed(['GET']));
  return router;
}
