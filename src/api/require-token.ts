import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Requires `Authorization: Bearer <token>`. Both sides are hashed first so that the comparison takes the same
 * time whatever the length or content of the guess; the token itself is never logged (pino-http redacts the header).
 */
export function requireToken(token: string): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (match?.[1] && timingSafeEqual(digest(match[1]), expected)) return next();
    res
      .status(401)
      .setHeader('WWW-Authenticate', 'Bearer')
      .json({ error: { code: 'UNAUTHORIZED', message: 'missing or invalid bearer token' } });
  };
}
