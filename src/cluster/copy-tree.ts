import { chmodSync, copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Copies a folder recursively, making every copy writable by its owner: files from the Go module cache are
 * read-only, and a read-only copy would stop `rm -rf .tools` by a non-root user.
 */
export function copyTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      copyTree(source, target);
    } else if (entry.isFile()) {
      copyFileSync(source, target);
      chmodSync(target, 0o644);
    }
  }
}
