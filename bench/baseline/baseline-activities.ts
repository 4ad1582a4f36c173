import type { HopTimes } from './hop-messages.js';

/** The baselines' activities: they do nothing but say when they ran. */
export const baselineActivities = {
  /** The throughput baseline's: its finish time gives the baseline's makespan. */
  noop(): Promise<string> {
    return Promise.resolve(new Date().toISOString());
  },
  /** The hop baseline's: start and finish, as a task's work activity reports them, so hops are measured alike. */
  stampedNoop(): Promise<HopTimes> {
    const started_at = new Date().toISOString();
    return Promise.resolve({ started_at, finished_at: new Date().toISOString() });
  },
};
