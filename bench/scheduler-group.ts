import type { SchedulerGroupOptions } from '../test/harness/scheduler-processes.js';

export interface GroupSettings {
  /** Names the processes and their logs, and ends the task queue's name: `cap50`, `burst-q2000`. */
  label: string;
  runId: string;
  logDir: string;
  apiToken: string;
  /** MAX_CONCURRENT_TASKS of each worker. */
  cap: number;
  workers: number;
  apis: number;
  /** More variables of the API and worker processes, e.g. ADMISSION_MAX_QUEUED. */
  env?: Record<string, string>;
}

/** One scheduler of the run: `workers` workers and `apis` APIs on a task queue of their own. */
export function schedulerGroup(settings: GroupSettings): Omit<SchedulerGroupOptions, 'temporalAddress'> {
  return {
    label: settings.label,
    taskQueue: `bench-${settings.runId}-${settings.label}`,
    logDir: settings.logDir,
    workers: settings.workers,
    apis: settings.apis,
    env: {
      MAX_CONCURRENT_TASKS: String(settings.cap),
      LOG_LEVEL: 'warn',
      API_TOKEN: settings.apiToken,
      ...settings.env,
    },
  };
}
