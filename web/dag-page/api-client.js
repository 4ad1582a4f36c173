// The page's calls to the API, with the bearer token of this tab when it has one. Paths are relative to the page,
// so the page also works behind a proxy that mounts the API under a prefix.

const TOKEN_KEY = 'dag-page.api-token';
/** The list's largest page (docs/api.md): 2,000 tasks are two requests. */
const PAGE_SIZE = 1000;
/** Pages read per sweep at most; past this the page shows the first tasks in visibility order and says so. */
export const MAX_PAGES = 10;

/** Thrown when the API answers 401: the tab has no token, or the API refused it. */
export class UnauthorizedError extends Error {
  constructor() {
    super('the API requires a bearer token');
    this.name = 'UnauthorizedError';
  }
}

/** Thrown for any other answer than 2xx, with the API's error code when the body has one. */
export class ApiError extends Error {
  constructor(status, body) {
    const error = body?.error;
    super(error ? `${status} ${error.code}: ${error.message}` : `the API answered ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = error?.code;
  }
}

export class ApiClient {
  get hasToken() {
    return sessionStorage.getItem(TOKEN_KEY) !== null;
  }

  setToken(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
  }

  async get(path) {
    const headers = { accept: 'application/json' };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token !== null) headers.authorization = `Bearer ${token}`;
    // no-cache: revalidated every time; an unchanged page answers 304 (express's ETag) and the cached copy is used.
    const res = await fetch(path, { headers, cache: 'no-cache' });
    if (res.status === 401) throw new UnauthorizedError();
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new ApiError(res.status, body);
    return body;
  }

  /** Where the Temporal Web UI is and how task ids map to workflow ids. */
  settings() {
    return this.get('dag-page/settings.json');
  }

  /** The number of tasks in total and by status (visibility counts, shared by the API for 0.5 s). */
  stats() {
    return this.get('api/stats');
  }

  /** One task, read from its workflow (strongly consistent), with `waiting_on`. */
  task(id) {
    return this.get(`api/tasks/${encodeURIComponent(id)}`);
  }

  /**
   * Every task, following `next_cursor` (visibility, so eventually consistent). `truncated` says that more pages
   * remained after MAX_PAGES.
   */
  async allTasks() {
    const tasks = [];
    let cursor = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (cursor !== null) query.set('cursor', cursor);
      const body = await this.get(`api/tasks?${query.toString()}`);
      tasks.push(...body.tasks);
      cursor = body.next_cursor;
      if (cursor === null) return { tasks, truncated: false };
    }
    return { tasks, truncated: true };
  }
}
