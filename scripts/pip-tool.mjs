// Installs a tool pinned in a requirements file from PyPI into a git-ignored folder under .tools/, once per
// version of that file. Uses only Node built-ins: it runs before npm packages exist.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Runs `pip install --target <root>/.tools/<folder> -r <root>/tools/<requirements>` unless `installedFile` (relative
 * to that folder) exists and the folder was installed from the same requirements text. Returns the folder.
 * `PYTHON` names the interpreter (default `python3`).
 */
export function ensurePipTool({ root, folder, requirements, installedFile, log }) {
  const requirementsFile = join(root, 'tools', requirements);
  const target = join(root, '.tools', folder);
  const marker = join(target, '.installed-requirements');
  const wanted = readFileSync(requirementsFile, 'utf8');
  if (
    existsSync(join(target, installedFile)) &&
    existsSync(marker) &&
    readFileSync(marker, 'utf8') === wanted
  ) {
    return target;
  }
  log(`installing ${requirements} from PyPI into .tools/${folder}`);
  const python = process.env.PYTHON ?? 'python3';
  execFileSync(
    python,
    [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--upgrade',
      '--target',
      target,
      '-r',
      requirementsFile,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  writeFileSync(marker, wanted);
  return target;
}
