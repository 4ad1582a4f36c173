// CPU accounting of a changing group of processes (bench/process-group-meter.ts): children that come and go
// between samples, reaped into their parent's counters or not, are counted once.
import { describe, expect, it } from 'vitest';
import { type ProcProbe, ProcessGroupMeter } from '../../bench/process-group-meter.js';
import { type ProcSample, readProcSample } from '../../bench/proc-stats.js';

interface Fake {
  pid: number;
  ppid: number;
  startTicks: number;
  self: number;
  reaped?: number;
  comm?: string;
}

/** A /proc that shows `procs` and a clock at `ticks`, both changed by the test between samples. */
function fakeProc(): ProcProbe & { procs: Map<number, Fake>; at: number } {
  const state = {
    procs: new Map<number, Fake>(),
    at: 1_000,
    ticks: () => state.at,
    read(pid: number): ProcSample | null {
      const p = state.procs.get(pid);
      if (!p) return null;
      return {
        pid,
        ppid: p.ppid,
        comm: p.comm ?? 'postgres',
        key: `${pid}@${p.startTicks}`,
        startTicks: p.startTicks,
        selfCpuS: p.self,
        reapedChildrenCpuS: p.reaped ?? 0,
        memory: { peakMb: 10, anonMb: 1, fileMb: 1, shmemMb: 0 },
      };
    },
  };
  return state;
}

function meterOf(proc: ReturnType<typeof fakeProc>, kindOf?: (s: ProcSample) => string) {
  return new ProcessGroupMeter(() => [...proc.procs.keys()], kindOf, proc);
}

describe('ProcessGroupMeter', () => {
  it('counts only what processes used after the window opened', () => {
    const proc = fakeProc();
    proc.procs.set(1, { pid: 1, ppid: 0, startTicks: 10, self: 5 });
    const meter = meterOf(proc);
    proc.procs.get(1)!.self = 7;
    expect(meter.stop().cpuSByKind.get('all')).toBeCloseTo(2);
  });

  it('counts a process born during the window from zero', () => {
    const proc = fakeProc();
    proc.procs.set(1, { pid: 1, ppid: 0, startTicks: 10, self: 5 });
    const meter = meterOf(proc);
    proc.at = 1_100;
    proc.procs.set(2, { pid: 2, ppid: 1, startTicks: 1_050, self: 0.5 });
    expect(meter.stop().cpuSByKind.get('all')).toBeCloseTo(0.5);
  });

  it('counts a child reaped by its parent in the group once, whenever it was first seen', () => {
    const proc = fakeProc();
    proc.procs.set(1, { pid: 1, ppid: 0, startTicks: 10, self: 5 });
    proc.procs.set(2, { pid: 2, ppid: 1, startTicks: 20, self: 3 }); // 3 s before the window: not counted
    const meter = meterOf(proc);
    proc.at = 1_100;
    proc.procs.get(2)!.self = 4; // +1
    meter.sample();
    proc.at = 1_200;
    // The child used 0.5 s more, exited, and the parent reaped it: all 4.5 s arrive in the parent's cutime.
    proc.procs.delete(2);
    proc.procs.get(1)!.reaped = 4.5;
    expect(meter.stop().cpuSByKind.get('all')).toBeCloseTo(1.5);
  });

  it('loses only the last interval of a process whose parent is outside the group', () => {
    const proc = fakeProc();
    proc.procs.set(7, { pid: 7, ppid: 99, startTicks: 10, self: 5, comm: 'temporal-server' });
    const meter = meterOf(proc);
    proc.at = 1_100;
    proc.procs.get(7)!.self = 6;
    meter.sample();
    proc.procs.delete(7);
    expect(meter.stop().cpuSByKind.get('all')).toBeCloseTo(1);
  });

  it('keeps a pid reused by a new process apart, and splits the CPU by kind', () => {
    const proc = fakeProc();
    proc.procs.set(1, { pid: 1, ppid: 0, startTicks: 10, self: 5 });
    proc.procs.set(3, { pid: 3, ppid: 0, startTicks: 10, self: 1, comm: 'temporal-server' });
    const meter = meterOf(proc, (s) => (s.comm === 'postgres' ? 'database' : 'server'));
    proc.at = 1_100;
    proc.procs.set(3, { pid: 3, ppid: 0, startTicks: 1_090, self: 0.25, comm: 'temporal-server' });
    proc.procs.get(1)!.self = 6;
    const reading = meter.stop();
    expect(reading.cpuSByKind.get('database')).toBeCloseTo(1);
    expect(reading.cpuSByKind.get('server')).toBeCloseTo(0.25);
    expect(reading.processesSeen).toBe(3);
  });

  it('reads this process from /proc', () => {
    const sample = readProcSample(process.pid);
    expect(sample).toMatchObject({ pid: process.pid, ppid: process.ppid });
    expect(sample!.selfCpuS).toBeGreaterThan(0);
    expect(sample!.memory.peakMb).toBeGreaterThan(0);
  });
});
