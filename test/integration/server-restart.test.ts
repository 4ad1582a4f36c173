// The embedded Temporal server is killed (kill -9) mid-run and restarted on the same SQLite file: nothing
// acknowledged is lost, and the worker and API reconnect without being restarted.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { type DevServer, startDevServer, temporalCliPath } from '../../src/temporal/dev-server.js';
import { ApiClient } from '../helpers/api-client.js';
import { startApi, startWorker, stopAllProcesses } from '../helpers/processes.js';

const dataDir = mkdtempSync(join(tmpdir(), 'dag-server-restart-'));
let port: number;
let server: DevServer;
let api: ApiClient;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const startServer = () =>
  startDevServer({ cliPath: temporalCliPath(process.env.TEMPORAL_CLI_PATH), dataDir, port, headless: true });

beforeAll(async () => {
  port = await freePort();
  server = startServer();
  const options = { temporalAddress: server.address, taskQueue: 'restart-test', logName: 'server-restart' };
  startWorker(options);
  api = new ApiClient((await startApi(options)).url);
});
afterAll(async () => {
  await stopAllProcesses();
  await server?.stop();
});

it('loses no acknowledged task when the server is killed and restarted on its database', async () => {
  const chain = ['a', 'b', 'c'].map((l) => `restart-${l}`);
  for (const [i, id] of chain.entries()) {
    const res = await api.submit({ id, duration_ms: 1_500, dependencies: i === 0 ? [] : [chain[i - 1]!] });
    expect(res.status).toBe(201);
  }
  const independent = Array.from({ length: 5 }, (_, i) => `restart-independent-${i}`);
  for (const id of independent) expect((await api.submit({ id, duration_ms: 500 })).status).toBe(201);
  // Its not_before timer is pending while the server is killed: it must still fire, and not early.
  const delayed = 'restart-delayed';
  const not_before = new Date(Date.now() + 4_000).toISOString();
  expect((await api.submit({ id: delayed, duration_ms: 10, not_before })).status).toBe(201);

  await vi.waitFor(async () => expect((await api.get(chain[0]!)).body.status).toBe('RUNNING'), {
    timeout: 20_000,
    interval: 50,
  });
  server.process.kill('SIGKILL');
  await new Promise((resolve) => server.process.once('exit', resolve));

  // While the server is down the API answers promptly with a clear 503, not a hang.
  const down = await api.get(chain[1]!);
  expect(down.status).toBe(503);
  expect(down.body).toMatchObject({ error: { code: 'TEMPORAL_UNAVAILABLE' } });

  server = startServer();
  const all = [...chain, ...independent, delayed];
  const tasks = await vi.waitFor(
    async () => {
      const results = await Promise.all(all.map((id) => api.get(id)));
      const bodies = results.map((r) => r.body);
      expect(bodies.map((t) => t.status)).toEqual(all.map(() => 'COMPLETED'));
      return bodies;
    },
    { timeout: 60_000, interval: 500 },
  );
  expect(Date.parse(tasks.at(-1)!.started_at!)).toBeGreaterThanOrEqual(Date.parse(not_before));
  for (let i = 1; i < chain.length; i++) {
    expect(Date.parse(tasks[i]!.started_at!)).toBeGreaterThanOrEqual(Date.parse(tasks[i - 1]!.completed_at!));
  }
});
