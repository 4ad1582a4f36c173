import { readFileSync, readdirSync } from 'node:fs';

/** Whether a process with this pid exists (signal 0 checks without signalling). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user (e.g. postgres when we are not root).
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The parent pid of every process, read from /proc (Linux only). */
function parents(): Map<number, number> {
  const result = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name (field 2) is in parentheses and may hold spaces: the ppid is the 2nd field after ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      result.set(Number(name), ppid);
    } catch {
      // The process ended while we listed: not ours to count.
    }
  }
  return result;
}

/** `pid` and all its descendants that are alive now (e.g. a postmaster and its backends). */
export function processTree(pid: number): number[] {
  const byParent = new Map<number, number[]>();
  const all = parents();
  if (!all.has(pid)) return [];
  for (const [child, parent] of all) byParent.set(parent, [...(byParent.get(parent) ?? []), child]);
  const result: number[] = [];
  const queue = [pid];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    result.push(next);
    queue.push(...(byParent.get(next) ?? []));
  }
  return result;
}

/** The command line of a process, or undefined when it is gone. */
export function commandLine(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}
