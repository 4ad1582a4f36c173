import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { runCommand } from './run-command.js';
import { withEnv } from './with-env.js';

export interface GoInstallOptions {
  /** Folder the binaries land in (GOBIN). */
  gobin: string;
  /** `module/path/cmd/x@version` of each binary. */
  packages: readonly string[];
  /** Appends the build's output here, so a failed build can be read after the fact. */
  logFile: string;
  log: (message: string) => void;
}

/**
 * Builds binaries from the Go module proxy with `go install pkg@version`: pinned, reproducible and needing only a
 * Go toolchain. The module's own go.mod decides the toolchain (GOTOOLCHAIN=auto may fetch a newer one).
 */
export async function goInstall({ gobin, packages, logFile, log }: GoInstallOptions): Promise<void> {
  mkdirSync(gobin, { recursive: true });
  mkdirSync(dirname(logFile), { recursive: true });
  const started = Date.now();
  const { command, args } = withEnv({ GOBIN: gobin }, 'go', ['install', ...packages]);
  appendFileSync(logFile, `\n$ GOBIN=${gobin} go install ${packages.join(' ')}\n`);
  // A cold build of the Temporal server takes minutes: say it is still alive.
  const ticker = setInterval(
    () => log(`still building (${Math.round((Date.now() - started) / 1000)} s); output in ${logFile}`),
    60_000,
  );
  try {
    await runCommand(command, args, { onOutput: (chunk) => appendFileSync(logFile, chunk) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('`go` is not on PATH: the Temporal server is built from its Go module (go >= 1.26.8)');
    }
    throw err;
  } finally {
    clearInterval(ticker);
  }
  log(`built ${packages.join(', ')} in ${Math.round((Date.now() - started) / 1000)} s`);
}
