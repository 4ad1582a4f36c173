import type { DatabaseCounters } from './postgres-counters.js';

/** How the engine under measurement came to be. */
export type TargetKind = 'dev' | 'cluster' | 'existing';

/** The Temporal engine one part of a run measures: the embedded dev server, a fresh cluster, or a running server. */
export interface BenchTarget {
  /** Names the target in the report: `dev`, `cluster` or --label. */
  label: string;
  kind: TargetKind;
  /** `host:port` of the frontend. */
  address: string;
  /** The embedded dev server's command-line arguments; null for the others. */
  serverArgs: string[] | null;
  /**
   * Pids of every process of the engine now (Temporal, and PostgreSQL's postmaster and backends), re-read at each
   * CPU sample; null when the engine is not ours to see (a running server).
   */
  enginePids: (() => number[]) | null;
  /** Reads the cluster database's activity counters; null without one of ours (dev server, running server). */
  readDatabase: (() => Promise<DatabaseCounters>) | null;
  /** Rejects when a process of the engine dies; never for a running server. */
  crashed: Promise<never>;
  /** Stops what the run started (nothing for a running server) and removes its data unless kept. */
  stop(): Promise<void>;
}
