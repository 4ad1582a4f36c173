import type { RequestHandler } from 'express';

/**
 * The last handler of a route: a method the route does not serve gets 405 with the ones it does in `Allow`
 * (RFC 9110 §15.5.6), and OPTIONS gets them with 204. Express would otherwise fall through to 404.
 */
export function methodNotAllowed(methods: readonly string[]): RequestHandler {
  const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  return (req, res) => {
    res.setHeader('Allow', allow);
    if (req.method === 'OPTIONS') return void res.status(204).end();
    res.status(405).json({
      error: {
        code: 'METHOD_NOT_ALLOWED',
        message: `${req.method} is not allowed on ${req.baseUrl}${req.path}; allowed: ${allow}`,
      },
    });
  };
}
