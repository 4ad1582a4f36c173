import { execFileSync } from 'node:child_process';

/** The commit measured (with "-dirty" for uncommitted changes), so that results can be compared over history. */
export function gitCommit(cwd: string): string {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { cwd, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown'; // not a git checkout (e.g. a copied tree): the report is still useful
  }
}
