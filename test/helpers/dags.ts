// Helpers of the DAG tests: building DAGs, and waiting for one through Temporal rather than by polling the API.
import { expect, vi } from 'vitest';
import type { Dag } from '../../src/shared/dag-definition.js';
import type { Task } from '../../src/shared/task-definition.js';
import { dagWorkflowId } from '../../src/shared/workflow-ids.js';
import type { ApiClient, TaskInput } from './api-client.js';
import type { Scheduler } from './scheduler.js';

/** Waits (Temporal's long poll) until the DAG's submission created every task, then until each task settled. */
export async function dagSettled(s: Scheduler, dagId: string, ids: readonly string[], reader?: ApiClient) {
  await s.client.workflow.getHandle(dagWorkflowId(dagId)).result();
  return Promise.all(ids.map((id) => s.settled(id, reader)));
}

/** Waits until GET /api/dags/:dag_id reports the DAG finished (visibility lags a little), and returns it. */
export async function dagFinished(api: ApiClient, dagId: string, timeout = 20_000): Promise<Dag> {
  return vi.waitFor(
    async () => {
      const res = await api.getDag(dagId);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.finished).toBe(true);
      return res.body;
    },
    { timeout, interval: 200 },
  );
}

/** Asserts that no task has started before every one of its dependencies completed. */
export function expectDependencyOrder(tasks: readonly Task[]): void {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  for (const task of tasks) {
    for (const id of task.dependencies) {
      const dependency = byId.get(id);
      if (!dependency || !task.started_at) continue;
      expect(dependency.completed_at, `${id} before ${task.id}`).not.toBeNull();
      expect(Date.parse(task.started_at), `${task.id} after ${id}`).toBeGreaterThanOrEqual(
        Date.parse(dependency.completed_at!),
      );
    }
  }
}

/**
 * A DAG of `size` tasks named by `label` (called once per task): task i depends on tasks i-1 and i/3 (a chain with
 * fan-out), listed in reverse order.
 */
export function layeredDag(label: (i: number) => string, size: number, durationMs = 0): TaskInput[] {
  const ids = Array.from({ length: size }, (_, i) => label(i));
  return ids
    .map((id, i) => ({
      id,
      duration_ms: durationMs,
      dependencies: i === 0 ? [] : [...new Set([ids[i - 1]!, ids[Math.floor(i / 3)]!])],
    }))
    .reverse();
}
