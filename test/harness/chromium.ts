// Debian's Chromium driven by playwright-core, for the DAG page's browser test and its load measurement. `npm test`
// installs it when missing (scripts/chromium.mjs); playwright's own browser downloads are never used.
import { existsSync } from 'node:fs';
import { type Browser, type Page, chromium } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser (the same path as scripts/chromium.mjs). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Thrown when Chromium is not installed where the tests expect it. */
export class ChromiumMissingError extends Error {
  constructor(readonly path: string) {
    super(
      `no Chromium at ${path}: \`npm test\` installs it with apt-get when run as root; else apt-get install chromium`,
    );
    this.name = 'ChromiumMissingError';
  }
}

/** Launches headless Chromium; close it in a `finally` or an `afterAll`. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new ChromiumMissingError(CHROMIUM_PATH);
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true });
}

/** What went wrong in a page: uncaught errors, Content-Security-Policy violations and console errors. */
export interface PageProblems {
  pageErrors: string[];
  cspViolations: string[];
  consoleErrors: string[];
}

/**
 * Records a page's problems from its first script on. CSP violations are caught by a listener installed before any
 * page script runs (Playwright's init scripts are not subject to the page's CSP); read them with
 * {@link cspViolationsOf}.
 */
export async function watchPage(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { pageErrors: [], cspViolations: [], consoleErrors: [] };
  page.on('pageerror', (err) => problems.pageErrors.push(err.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  await page.exposeFunction('reportCspViolation', (violation: string) =>
    problems.cspViolations.push(violation),
  );
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) => {
      window.reportCspViolation(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline code'));
    });`,
  });
  return problems;
}
