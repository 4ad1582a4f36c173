// The DAG page's routes, in-process: the page and its files are open and served as they are, under helmet's
// policy, its settings are behind the token, and each path answers other methods like every API route. The page
// itself, in a browser: test/integration/dag-page.test.ts.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  DAG_PAGE_FILES,
  DAG_PAGE_PATHS,
  DAG_PAGE_SETTINGS_PATH,
  type DagPageSettings,
} from '../../src/api/dag-page.js';
import { createApp } from '../../src/api/app.js';
import { createLogger } from '../../src/logging/logger.js';
import { projectRoot } from '../../src/project-root.js';
import type { TaskService } from '../../src/tasks/task-service.js';

const TOKEN = 'a-long-enough-test-token';
const web = join(projectRoot(), 'web', 'dag-page');

function app(options: { apiToken?: string; dagPage?: DagPageSettings } = {}) {
  return createApp({
    tasks: {} as TaskService, // nothing here reaches the task service
    logger: createLogger('silent', 'test'),
    readiness: () => Promise.resolve({ status: 'ok' }),
    ...options,
  });
}

describe('the page and its files', () => {
  const guarded = app({ apiToken: TOKEN });

  it('serves every file of web/dag-page/, and only those', () => {
    expect(readdirSync(web).sort()).toEqual(['index.html', ...DAG_PAGE_FILES].sort());
  });

  it.each(DAG_PAGE_PATHS)(
    'serves %s without the token, with its type, revalidated on each load',
    async (path) => {
      const res = await request(guarded).get(path);
      expect(res.status).toBe(200);
      const type = path === '/' ? 'text/html' : path.endsWith('.css') ? 'text/css' : 'text/javascript';
      expect(res.headers['content-type']).toMatch(new RegExp(`^${type.replace('/', '\\/')}; charset=utf-8$`));
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers.etag).toBeDefined();
      // The answers carry helmet's policy like every other one.
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      const again = await request(guarded)
        .get(path)
        .set('If-None-Match', res.headers.etag as string);
      expect(again.status).toBe(304);
    },
  );

  it('serves the libraries from the installed packages, cytoscape-dagre with dagre bundled', async () => {
    const cytoscape = await request(guarded).get('/dag-page/vendor/cytoscape.min.js');
    expect(cytoscape.text).toBe(
      readFileSync(join(projectRoot(), 'node_modules/cytoscape/dist/cytoscape.min.js'), 'utf8'),
    );
    const dagre = await request(guarded).get('/dag-page/vendor/cytoscape-dagre.js');
    // The layout registers itself with window.cytoscape and carries dagre's graph library.
    expect(dagre.text).toContain("cytoscape('layout', 'dagre', DagreLayout)");
    expect(dagre.text).toContain('graphlib');
  });

  it('holds no inline script, style attribute or event handler, which the policy would block', () => {
    const html = readFileSync(join(web, 'index.html'), 'utf8');
    for (const script of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) {
      expect(script).toMatch(/^<script [^>]*src="[^"]+"[^>]*><\/script>$/);
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/<style\b/i);
  });

  it('answers HEAD without a body and ignores ranges', async () => {
    const head = await request(guarded).head('/dag-page/main.js');
    expect(head.status).toBe(200);
    expect(head.text).toBeUndefined();
    const ranged = await request(guarded).get('/dag-page/main.js').set('Range', 'bytes=999999-');
    expect(ranged.status).toBe(200);
    expect(ranged.headers['accept-ranges']).toBeUndefined();
  });

  it('answers other methods with 405 and Allow, OPTIONS with 204', async () => {
    for (const path of ['/', '/dag-page/main.js', DAG_PAGE_SETTINGS_PATH]) {
      const res = await request(app()).post(path);
      expect(res.status, path).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
      expect(res.body).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } });
      expect((await request(app()).options(path)).status).toBe(204);
    }
  });

  it('answers a path beside its files with 404, or 401 when API_TOKEN is set', async () => {
    expect((await request(app()).get('/dag-page/other.js')).status).toBe(404);
    expect((await request(app()).get('/dag-page/vendor/../../package.json')).status).toBe(404);
    expect((await request(guarded).get('/dag-page/other.js')).status).toBe(401);
  });
});

describe('the settings', () => {
  const settings = { temporalUiUrl: 'https://temporal.example.com', namespace: 'prod' };

  it('are behind the token, like the API', async () => {
    const guarded = app({ apiToken: TOKEN, dagPage: settings });
    expect((await request(guarded).get(DAG_PAGE_SETTINGS_PATH)).status).toBe(401);
    const res = await request(guarded).get(DAG_PAGE_SETTINGS_PATH).set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      temporal_ui_url: 'https://temporal.example.com',
      namespace: 'prod',
      workflow_id_prefix: 'task-',
    });
  });

  it("link to the embedded dev server's Web UI and the default namespace unless told otherwise", async () => {
    const res = await request(app()).get(DAG_PAGE_SETTINGS_PATH);
    expect(res.body).toMatchObject({ temporal_ui_url: 'http://localhost:8233', namespace: 'default' });
  });
});
