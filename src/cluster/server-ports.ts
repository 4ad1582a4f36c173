import { once } from 'node:events';
import { createServer } from 'node:net';
/**
 * Every port of a single-process Temporal server, derived from the frontend's gRPC port so that a test picking a
 * free frontend port moves them all. With the default 7233 they are Temporal's usual ports.
 *
 * | service  | gRPC  | membership | HTTP  |
 * | -------- | ----- | ---------- | ----- |
 * | frontend | P     | P - 300    | P + 10 |
 * | history  | P + 1 | P - 299    |       |
 * | matching | P + 2 | P - 298    |       |
 * | worker   | P + 6 | P - 294    |       |
 */
export interface ServerPorts {
  frontendGrpc: number;
  frontendHttp: number;
  frontendMembership: number;
  historyGrpc: number;
  historyMembership: number;
  matchingGrpc: number;
  matchingMembership: number;
  workerGrpc: number;
  workerMembership: number;
}

/**
 * Highest frontend port: the membership table stores ports as a SQL smallint (at most 32,767), and the frontend's
 * membership port is P - 300 (the server refuses to start past it: "value out of range for type smallint").
 */
export const MAX_FRONTEND_PORT = 32_767 + 300;

export function serverPorts(frontendPort: number): ServerPorts {
  if (!Number.isInteger(frontendPort) || frontendPort < 301 || frontendPort > MAX_FRONTEND_PORT) {
    throw new Error(
      `frontend port ${frontendPort} leaves no room for the derived ports (301 to ${MAX_FRONTEND_PORT})`,
    );
  }
  return {
    frontendGrpc: frontendPort,
    frontendHttp: frontendPort + 10,
    frontendMembership: frontendPort - 300,
    historyGrpc: frontendPort + 1,
    historyMembership: frontendPort - 299,
    matchingGrpc: frontendPort + 2,
    matchingMembership: frontendPort - 298,
    workerGrpc: frontendPort + 6,
    workerMembership: frontendPort - 294,
  };
}

/** True when nothing listens on the port of 127.0.0.1 now. */
async function isFree(port: number): Promise<boolean> {
  const server = createServer();
  server.listen(port, '127.0.0.1');
  const outcome = await Promise.race([
    once(server, 'listening').then(() => true),
    once(server, 'error').then(() => false),
  ]);
  if (outcome) {
    server.close();
    await once(server, 'close');
  }
  return outcome;
}

/**
 * A frontend port whose derived ports (and the Web UI's, 1000 above) are all free now, chosen at random below
 * MAX_FRONTEND_PORT and above the well-known range: for tests and benchmarks that run a cluster next to others.
 */
export async function freeFrontendPort(): Promise<number> {
  for (let tries = 0; tries < 100; tries += 1) {
    const candidate = 20_000 + Math.floor(Math.random() * (MAX_FRONTEND_PORT - 20_000 - 1_000));
    const derived = Object.values<number>({ ...serverPorts(candidate) });
    const ports = [...derived, candidate + 1_000];
    const free = await Promise.all(ports.map(isFree));
    if (free.every(Boolean)) return candidate;
  }
  throw new Error('no free frontend port with free derived ports after 100 tries');
}
