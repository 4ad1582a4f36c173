import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second: the unit of utime, stime and starttime in /proc/<pid>/stat. */
export const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** One process as /proc shows it now. */
export interface ProcSample {
  pid: number;
  ppid: number;
  /** Executable name (at most 15 characters): `postgres` for every PostgreSQL process. */
  comm: string;
  /** pid and start time: a pid reused by a new process is another key. */
  key: string;
  /** Ticks after boot at which it started. */
  startTicks: number;
  /** CPU seconds of its own threads (utime + stime). */
  selfCpuS: number;
  /** CPU seconds of its children that exited and that it waited for (cutime + cstime). */
  reapedChildrenCpuS: number;
  /** Peak resident memory since it started (VmHWM), resident anonymous, file-backed and shared memory, in MB. */
  memory: { peakMb: number; anonMb: number; fileMb: number; shmemMb: number };
}

/**
 * CPU seconds (user + system, all threads) a process used so far, or null when the pid is unknown or gone. Read
 * from /proc rather than asked of the process, so it also covers the Go server and costs the process nothing.
 */
export function cpuSeconds(pid: number | undefined): number | null {
  const sample = pid === undefined ? null : readProcSample(pid);
  return sample === null ? null : sample.selfCpuS;
}

/** Peak resident memory (VmHWM) of a process in MB, or null when unknown. */
export function peakMemoryMb(pid: number | undefined): number | null {
  const sample = pid === undefined ? null : readProcSample(pid);
  return sample === null ? null : sample.memory.peakMb;
}

/** Ticks since boot now, comparable with ProcSample.startTicks. */
export function ticksSinceBoot(): number {
  return Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * CLOCK_TICKS;
}

export function readProcSample(pid: number): ProcSample | null {
  const stat = readProc(pid, 'stat');
  const status = readProc(pid, 'status');
  if (stat === null || status === null) return null; // the process exited: there is nothing left to measure
  // The command name (field 2) may contain spaces and parentheses: count fields from after its closing ')'.
  const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const field = (n: number) => Number(fields[n - 3]); // fields[0] is field 3 (state)
  const kb = (name: string) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm'))?.[1] ?? 0);
  const startTicks = field(22);
  return {
    pid,
    ppid: field(4),
    comm,
    key: `${pid}@${startTicks}`,
    startTicks,
    selfCpuS: (field(14) + field(15)) / CLOCK_TICKS,
    reapedChildrenCpuS: (field(16) + field(17)) / CLOCK_TICKS,
    memory: {
      peakMb: kb('VmHWM') / 1024,
      anonMb: kb('RssAnon') / 1024,
      fileMb: kb('RssFile') / 1024,
      shmemMb: kb('RssShmem') / 1024,
    },
  };
}

function readProc(pid: number, file: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null;
  }
}
