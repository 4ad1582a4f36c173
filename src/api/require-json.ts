import type { RequestHandler } from 'express';

/** Rejects a body that is not JSON with 415 before anything tries to parse it. */
export const requireJson: RequestHandler = (req, res, next) => {
  if (req.is('application/json')) return next();
  res.status(415).json({
    error: {
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: `Content-Type must be application/json, got ${JSON.stringify(req.headers['content-type'] ?? null)}`,
    },
  });
};
