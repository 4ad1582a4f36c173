// A thin typed client of the REST API, as a user's program would call it.
import type { z } from 'zod';
import type { Dag, DagTasks } from '../../src/shared/dag-definition.js';
import type { Task, TaskDetail, submitTaskSchema } from '../../src/shared/task-definition.js';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A submission body: the task definition's fields, all but `id` optional here. */
export type TaskInput = Partial<z.input<typeof submitTaskSchema>> & { id: string };

export interface TaskPageBody {
  tasks: Task[];
  next_cursor: string | null;
}

function queryString(query: Record<string, string | number>): string {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
  return qs.size > 0 ? `?${qs.toString()}` : '';
}

export class ApiClient {
  constructor(readonly baseUrl: string) {}

  async request<T = unknown>(method: string, path: string, init: RequestInit = {}): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, { method, ...init });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : null) as T,
    };
  }

  /** Submits a task; `type` and `duration_ms` default to a 0-ms COMPUTE task. */
  submit(task: TaskInput): Promise<ApiResponse<Task>> {
    return this.postJson('/api/tasks', { type: 'COMPUTE', duration_ms: 0, ...task });
  }

  postJson<T = Task>(path: string, body: unknown): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  get(id: string): Promise<ApiResponse<TaskDetail>> {
    return this.request<TaskDetail>('GET', `/api/tasks/${encodeURIComponent(id)}`);
  }

  list(query: Record<string, string | number> = {}) {
    return this.request<TaskPageBody>('GET', `/api/tasks${queryString(query)}`);
  }

  dependents(id: string, query: Record<string, string | number> = {}) {
    return this.request<TaskPageBody>(
      'GET',
      `/api/tasks/${encodeURIComponent(id)}/dependents${queryString(query)}`,
    );
  }

  cancel(id: string, query: Record<string, string | number> = {}): Promise<ApiResponse<Task>> {
    return this.request<Task>('POST', `/api/tasks/${encodeURIComponent(id)}/cancel${queryString(query)}`);
  }

  /** Submits a DAG; each task's `type` and `duration_ms` default to a 0-ms COMPUTE task. */
  submitDag(dag: { dag_id?: string; tasks: TaskInput[] }): Promise<ApiResponse<DagTasks & Dag>> {
    const tasks = dag.tasks.map((task) => ({ type: 'COMPUTE', duration_ms: 0, ...task }));
    return this.postJson('/api/dags', { ...dag, tasks });
  }

  getDag(dagId: string): Promise<ApiResponse<Dag>> {
    return this.request<Dag>('GET', `/api/dags/${encodeURIComponent(dagId)}`);
  }

  stats() {
    return this.request<{ total: number; by_status: Record<string, number> }>('GET', '/api/stats');
  }
}
