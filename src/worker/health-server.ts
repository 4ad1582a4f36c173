import { once } from 'node:events';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { Logger } from '../logging/logger.js';

export interface HealthServerOptions {
  /** 0 takes any free port (see `port` of the result). */
  port: number;
  /** Answers `/readyz`: `{ status: 'ok' }` is 200, anything else 503 with that body. */
  readiness: () => Promise<{ status: string }>;
  logger: Logger;
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

const ALLOW = 'GET, HEAD, OPTIONS';

/**
 * The worker's probes on a port of their own: `/healthz` (the process answers; no Temporal call) and `/readyz`.
 * Plain node:http: two routes do not need a framework. Errors have the API's shape.
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const server = createServer((req, res) => {
    answer(req, res, options).catch((err: unknown) => {
      options.logger.error({ err }, 'health probe failed');
      if (!res.headersSent) send(res, 500, { error: { code: 'INTERNAL', message: 'internal error' } });
    });
  });
  server.listen(options.port);
  await once(server, 'listening');
  return {
    port: (server.address() as { port: number }).port,
    close: () => close(server),
  };
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  options: HealthServerOptions,
): Promise<void> {
  const path = (req.url ?? '').split('?')[0];
  if (path !== '/healthz' && path !== '/readyz') {
    return send(res, 404, { error: { code: 'NOT_FOUND', message: `no route for ${req.method} ${path}` } });
  }
  res.setHeader('Allow', ALLOW);
  if (req.method === 'OPTIONS') return void res.writeHead(204).end();
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, {
      error: {
        code: 'METHOD_NOT_ALLOWED',
        message: `${req.method} is not allowed on ${path}; allowed: ${ALLOW}`,
      },
    });
  }
  if (path === '/healthz') return send(res, 200, { status: 'ok' });
  const readiness = await options.readiness();
  send(res, readiness.status === 'ok' ? 200 : 503, readiness);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

async function close(server: Server): Promise<void> {
  const closed = once(server, 'close');
  server.close();
  server.closeAllConnections();
  await closed;
}
