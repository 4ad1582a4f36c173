import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { goInstall } from './go-install.js';

/**
 * The Temporal Web UI server. Its Go module embeds the built UI (ui/assets/local), so `go install` yields a
 * complete Web UI. v2.55.0 is the newest whose go.mod accepts go 1.26.8 (v2.56.0 wants 1.26.9, v2.56.1 and later
 * 1.26.10); building a later one would make GOTOOLCHAIN=auto download a newer Go toolchain.
 */
export const UI_SERVER_VERSION = 'v2.55.0';

/** Where the UI server binary of the pinned version lives under `toolsDir`, built or not. */
export function uiServerBinary(toolsDir: string): string {
  return join(toolsDir, `temporal-ui-server-${UI_SERVER_VERSION}`, 'bin', 'server');
}

/** Builds the UI server unless cached (about 15 s with a warm module cache). */
export async function ensureUiServerBinary(
  toolsDir: string,
  log: (message: string) => void,
): Promise<string> {
  const binary = uiServerBinary(toolsDir);
  if (existsSync(binary)) return binary;
  log(`building Temporal Web UI server ${UI_SERVER_VERSION} from the Go module`);
  const root = join(toolsDir, `temporal-ui-server-${UI_SERVER_VERSION}`);
  await goInstall({
    gobin: join(root, 'bin'),
    packages: [`github.com/temporalio/ui-server/v2/cmd/server@${UI_SERVER_VERSION}`],
    logFile: join(root, 'build.log'),
    log,
  });
  return binary;
}
