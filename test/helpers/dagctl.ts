// The compiled dagctl run as a user runs it: a child process, with only the environment a test gives it, and what
// it printed and its exit code once it has exited.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/project-root.js';

export const DAGCTL = join(projectRoot(), 'dist', 'src', 'cli', 'dagctl.js');

export interface DagctlRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `dagctl ...args` to its end. The environment is PATH plus `env`: DAGCTL_API or API_TOKEN set where the tests
 * run never leak into them.
 */
export function dagctl(args: readonly string[], env: Record<string, string> = {}): Promise<DagctlRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [DAGCTL, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => {
        // A non-zero exit is an answer (err.code is the exit code); a kill by the timeout is not.
        if (err === null) resolve({ code: 0, stdout, stderr });
        else if (typeof err.code === 'number') resolve({ code: err.code, stdout, stderr });
        else reject(new Error(`dagctl ${args.join(' ')} did not exit`, { cause: err }));
      },
    );
  });
}

/** A folder for task files, removed by `remove()`. */
export async function taskFileFolder() {
  const dir = await mkdtemp(join(tmpdir(), 'dagctl-test-'));
  return {
    /** The path of `name` in the folder, written or not. */
    path: (name: string) => join(dir, name),
    /** Writes `content` to `name` in the folder and returns its path. */
    async write(name: string, content: string): Promise<string> {
      await writeFile(join(dir, name), content);
      return join(dir, name);
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
