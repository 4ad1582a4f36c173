import { type ProcSample, readProcSample, ticksSinceBoot } from './proc-stats.js';

/** How often the group is re-read: processes that come and go in between are accounted as described below. */
const SAMPLE_MS = 1_000;

/** Where the meter reads processes and the clock from (tests pass their own). */
export interface ProcProbe {
  read(pid: number): ProcSample | null;
  /** Ticks since boot now. */
  ticks(): number;
}

const LIVE_PROC: ProcProbe = { read: readProcSample, ticks: ticksSinceBoot };

/** What a group of processes used over a window, per kind of process (e.g. Temporal and PostgreSQL). */
export interface GroupReading {
  cpuSByKind: Map<string, number>;
  /** Highest resident memory of each kind seen at a sample (see memoryMb). */
  peakMbByKind: Map<string, number>;
  /** Distinct processes seen during the window. */
  processesSeen: number;
}

/**
 * Measures the CPU of a changing set of processes (the Temporal server and every PostgreSQL backend) over a window,
 * re-reading `pids()` every second. Each sample adds, per process, the CPU it used since the previous sample,
 * counting utime + stime of its own threads plus cutime + cstime (children it reaped). A process born since the
 * previous sample counts from zero. A process gone since the previous sample whose parent is still in the group
 * was reaped by it (PostgreSQL's postmaster reaps its backends at once): its whole CPU has just arrived in the
 * parent's cutime, so what it had at the previous sample is subtracted again, which leaves exactly its CPU since
 * then. A process gone whose parent is not in the group (the Temporal server is the bench's child) loses at most
 * one interval of CPU. Summed over the window this equals the group's total CPU at the end minus at the start.
 */
export class ProcessGroupMeter {
  private previous: Map<string, ProcSample>;
  private previousAt: number;
  private readonly cpu = new Map<string, number>();
  private readonly peak = new Map<string, number>();
  private readonly seen = new Set<string>();
  private readonly timer: NodeJS.Timeout;

  /**
   * @param pids the group now
   * @param kindOf names the kind of a process in the reading @defaultValue one kind, `all`
   */
  constructor(
    private readonly pids: () => number[],
    private readonly kindOf: (sample: ProcSample) => string = () => 'all',
    private readonly probe: ProcProbe = LIVE_PROC,
  ) {
    this.previousAt = probe.ticks();
    this.previous = this.read();
    this.notePeaks(this.previous);
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    this.timer.unref();
  }

  /** Takes a last sample and ends the window. */
  stop(): GroupReading {
    clearInterval(this.timer);
    this.sample();
    return { cpuSByKind: new Map(this.cpu), peakMbByKind: new Map(this.peak), processesSeen: this.seen.size };
  }

  private read(): Map<string, ProcSample> {
    const now = new Map<string, ProcSample>();
    for (const pid of new Set(this.pids())) {
      const sample = this.probe.read(pid);
      if (sample === null) continue;
      now.set(sample.key, sample);
      this.seen.add(sample.key);
    }
    return now;
  }

  /** Adds what the group used since the previous sample (also called every second). */
  sample(): void {
    const at = this.probe.ticks();
    const now = this.read();
    const total = (s: ProcSample) => s.selfCpuS + s.reapedChildrenCpuS;
    const add = (s: ProcSample, seconds: number) =>
      this.cpu.set(this.kindOf(s), (this.cpu.get(this.kindOf(s)) ?? 0) + seconds);
    const livePids = new Set([...now.values()].map((s) => s.pid));
    for (const [key, s] of now) {
      const before = this.previous.get(key);
      if (before) add(s, total(s) - total(before));
      // Started since the previous sample: all of its CPU is in the window. (One that is older but was not in the
      // group before, which the process trees here do not produce, is taken as a new baseline.)
      else if (s.startTicks >= this.previousAt - 1) add(s, total(s));
    }
    for (const [key, s] of this.previous) {
      if (!now.has(key) && livePids.has(s.ppid)) add(s, -total(s));
    }
    this.previous = now;
    this.previousAt = at;
    this.notePeaks(now);
  }

  /**
   * Resident memory per kind: the peak since start (VmHWM) of processes without shared memory, and for those
   * that share it (PostgreSQL's buffers and its binary are mapped into every backend) their anonymous memory plus
   * the largest file-backed and shared part once: an estimate, sampled every second.
   */
  private notePeaks(samples: Map<string, ProcSample>): void {
    const byKind = new Map<string, { sum: number; shared: number }>();
    for (const s of samples.values()) {
      const kind = this.kindOf(s);
      const entry = byKind.get(kind) ?? { sum: 0, shared: 0 };
      if (s.memory.shmemMb > 1) {
        entry.sum += s.memory.anonMb;
        entry.shared = Math.max(entry.shared, s.memory.fileMb + s.memory.shmemMb);
      } else entry.sum += s.memory.peakMb;
      byKind.set(kind, entry);
    }
    for (const [kind, { sum, shared }] of byKind) {
      this.peak.set(kind, Math.max(this.peak.get(kind) ?? 0, sum + shared));
    }
  }
}
