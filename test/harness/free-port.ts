// A free TCP port for an embedded Temporal server.
import { once } from 'node:events';
import { createServer } from 'node:net';

/**
 * A port nothing listens on now. The embedded server also binds its Web UI 1000 above the frontend port (even
 * headless, the flag is passed), so ports above 64535 are skipped.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    server.close();
    await once(server, 'close');
    if (port <= 64_535) return port;
  }
}
