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

export function serverPorts(frontendPort: number): ServerPorts {
  if (!Number.isInteger(frontendPort) || frontendPort < 301 || frontendPort > 65_525) {
    throw new Error(`frontend port ${frontendPort} leaves no room for the derived ports (301 to 65525)`);
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
