import type { RequestHandler } from 'express';

/**
 * Answers an HTTP/1.1 request without a Host header with 400, as RFC 9112 §3.2 requires. Node's server makes the
 * same check with an empty answer; src/main/api.ts turns that off so that this one answers in the error shape.
 */
export const requireHost: RequestHandler = (req, res, next) => {
  if (req.httpVersion !== '1.1' || req.headers.host) return next();
  res
    .status(400)
    .json({ error: { code: 'BAD_REQUEST', message: 'an HTTP/1.1 request needs a Host header' } });
};
