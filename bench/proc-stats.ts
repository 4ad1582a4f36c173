import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second: the unit of utime and stime in /proc/<pid>/stat. */
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/**
 * CPU seconds (user + system, all threads) a process used so far, or null when the pid is unknown or gone. Read
 * from /proc rather than asked of the process, so it also covers the Go server and costs the process nothing.
 */
export function cpuSeconds(pid: number | undefined): number | null {
  const stat = readProc(pid, 'stat');
  if (stat === null) return null;
  // The command name (field 2) may contain spaces and parentheses: count fields from after its closing ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]); // field 14
  const stime = Number(fields[12]); // field 15
  return (utime + stime) / CLOCK_TICKS;
}

/** Peak resident memory (VmHWM) of a process in MB, or null when unknown. */
export function peakMemoryMb(pid: number | undefined): number | null {
  const status = readProc(pid, 'status');
  const match = status?.match(/^VmHWM:\s+(\d+) kB$/m);
  return match ? Number(match[1]) / 1024 : null;
}

function readProc(pid: number | undefined, file: string): string | null {
  if (pid === undefined) return null;
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null; // the process exited: there is nothing left to measure
  }
}
