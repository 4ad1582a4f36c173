// A TCP proxy in front of the Temporal frontend that can hold back what clients send by a set delay: an engine that
// answers every call later, as a saturated one does, without saturating the machine the tests share.
import { type AddressInfo, type Socket, createConnection, createServer } from 'node:net';

export interface DelayingProxy {
  /** `host:port` to give processes as TEMPORAL_ADDRESS. */
  address: string;
  /** Holds back every chunk clients send by `ms` from now on (0: forwards at once), keeping their order. */
  setDelay(ms: number): void;
  close(): Promise<void>;
}

export async function startDelayingProxy(target: string): Promise<DelayingProxy> {
  const [host, port] = splitAddress(target);
  let delayMs = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ host, port });
    sockets.add(client).add(upstream);
    let nextWriteAt = 0;
    client.on('data', (chunk) => {
      if (delayMs === 0 && nextWriteAt <= Date.now()) {
        upstream.write(chunk);
        return;
      }
      // A chunk never overtakes the one before it: HTTP/2 frames must arrive in order.
      nextWriteAt = Math.max(nextWriteAt, Date.now() + delayMs);
      setTimeout(() => upstream.write(chunk), nextWriteAt - Date.now());
    });
    upstream.pipe(client);
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', closeBoth).on('error', closeBoth);
    upstream.on('close', closeBoth).on('error', closeBoth);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    setDelay: (ms) => (delayMs = ms),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function splitAddress(address: string): [string, number] {
  const colon = address.lastIndexOf(':');
  return [address.slice(0, colon), Number(address.slice(colon + 1))];
}
