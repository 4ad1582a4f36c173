import { type Response, Router } from 'express';
import { methodNotAllowed } from './method-not-allowed.js';

/** What a readiness check answers: `ok`, or the reason, with whatever details the reason carries. */
export interface Readiness {
  status: string;
}

const answer = (res: Response, status: number, body: object) =>
  void res.status(status).setHeader('Cache-Control', 'no-store').json(body);

/**
 * The probes, open without the token: `/healthz` (liveness: the process answers, no Temporal call), `/readyz`
 * (readiness: Temporal reachable and the search attributes registered; 503 with the reason otherwise) and
 * `/health`, the original probe, kept as an alias of `/readyz`.
 */
export function healthRoutes(readiness: () => Promise<Readiness>): Router {
  const router = Router();
  router
    .route('/healthz')
    .get((_req, res) => answer(res, 200, { status: 'ok' }))
    .all(methodNotAllowed(['GET']));
  for (const path of ['/readyz', '/health']) {
    router
      .route(path)
      .get(async (_req, res) => {
        const ready = await readiness();
        answer(res, ready.status === 'ok' ? 200 : 503, ready);
      })
      .all(methodNotAllowed(['GET']));
  }
  return router;
}
