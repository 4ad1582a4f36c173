// The live DAG page (`GET /`): plain browser files from web/dag-page/ and the two drawing libraries from their
// installed packages, served as they are (no build step, nothing fetched from elsewhere), and the page's settings.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type RequestHandler, Router } from 'express';
import { projectRoot } from '../project-root.js';
import { WORKFLOW_ID_PREFIX } from '../shared/workflow-ids.js';
import { methodNotAllowed } from './method-not-allowed.js';

/** What the page needs to link a task to its workflow in the Temporal Web UI. */
export interface DagPageSettings {
  /** Base URL of the Temporal Web UI, without a trailing slash (TEMPORAL_UI_URL). */
  temporalUiUrl: string;
  /** Namespace of the task workflows (TEMPORAL_NAMESPACE). */
  namespace: string;
}

/** The page's own files in web/dag-page/, each served at `/dag-page/<name>`; index.html is served at `/`. */
export const DAG_PAGE_FILES = [
  'dag-page.css',
  'main.js',
  'api-client.js',
  'task-graph.js',
  'task-panel.js',
  'token-dialog.js',
] as const;

/**
 * The libraries, resolved through each package's `require` export: UMD builds that define `window.cytoscape` and
 * register the dagre layout with it. cytoscape-dagre's build bundles dagre itself, so no third file is needed.
 */
const VENDOR_FILES = {
  'cytoscape.min.js': 'cytoscape/dist/cytoscape.min.js',
  'cytoscape-dagre.js': 'cytoscape-dagre',
} as const;

/** Every path of the page served without the token: the page at `/`, its files, the libraries. */
export const DAG_PAGE_PATHS: readonly string[] = [
  '/',
  ...DAG_PAGE_FILES.map((name) => `/dag-page/${name}`),
  ...Object.keys(VENDOR_FILES).map((name) => `/dag-page/vendor/${name}`),
];
/** The page's settings, behind the token. */
export const DAG_PAGE_SETTINGS_PATH = '/dag-page/settings.json';

const resolvePackage = createRequire(import.meta.url).resolve;

/** Thrown (as a 500) when a page file is missing from the deployment, e.g. an image built without web/. */
class DagPageFileError extends Error {
  constructor(
    readonly file: string,
    options: ErrorOptions,
  ) {
    super(`cannot read the DAG page file ${file}`, options);
    this.name = 'DagPageFileError';
  }
}

/**
 * Revalidated on every load (ETag, then 304), so a new version is picked up at once. Ranges are refused: a range
 * the file cannot satisfy would answer 416 outside the API's error shape, and nobody resumes a 100-KB script.
 */
function sendFile(file: string): RequestHandler {
  return (_req, res, next) => {
    res.sendFile(
      file,
      { acceptRanges: false, cacheControl: false, headers: { 'Cache-Control': 'no-cache' } },
      (err?: NodeJS.ErrnoException & { status?: number }) => {
        if (!err || res.headersSent) return;
        // A precondition header that fails (412) is the client's; anything else is a broken deployment.
        const missing = err.code === 'ENOENT' || err.status === undefined || err.status >= 500;
        next(missing ? new DagPageFileError(file, { cause: err }) : err);
      },
    );
  };
}

/**
 * The page and its static files, open without the token: none holds task data. The page itself asks for the token
 * when an API call answers 401. Paths resolve once, when the app is built.
 */
export function dagPageFiles(): Router {
  const router = Router();
  const web = join(projectRoot(), 'web', 'dag-page');
  const serve = (path: string, file: string) =>
    router
      .route(path)
      .get(sendFile(file))
      .all(methodNotAllowed(['GET']));
  serve('/', join(web, 'index.html'));
  for (const name of DAG_PAGE_FILES) serve(`/dag-page/${name}`, join(web, name));
  for (const [name, specifier] of Object.entries(VENDOR_FILES)) {
    serve(`/dag-page/vendor/${name}`, resolvePackage(specifier));
  }
  return router;
}

/** `GET /dag-page/settings.json`, behind the token like the API: where the Web UI is, which namespace. */
export function dagPageSettingsRoute({ temporalUiUrl, namespace }: DagPageSettings): Router {
  const body = { temporal_ui_url: temporalUiUrl, namespace, workflow_id_prefix: WORKFLOW_ID_PREFIX };
  const router = Router();
  router
    .route(DAG_PAGE_SETTINGS_PATH)
    .get((_req, res) => void res.json(body))
    .all(methodNotAllowed(['GET']));
  return router;
}
