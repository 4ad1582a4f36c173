// What the API passes to a DAG's submission workflow, what that workflow hands its activity, and how one task of
// the DAG becomes a task workflow's input (the same for the activity that starts it and the API that answers).
import type { SubmitTaskBody } from './task-definition.js';
import type { TaskWorkflowInput } from './workflow-inputs.js';

/** What the API learnt of the DAG's dependencies outside it, once, before it answered. */
export interface ExternalDependencies {
  /** Dependencies outside the DAG that were already COMPLETED: nothing to wait for. */
  completed_dependencies: string[];
  /** Dependencies outside the DAG whose history was already long: reached through their dependents relay. */
  relayed_dependencies: string[];
}

/**
 * The submission workflow's input: everything but the tasks, which arrive as `dagChunk` signals. A DAG of 10,000
 * tasks serialises to more than a payload should carry (see docs/architecture.md#dag-submission).
 */
export interface DagSubmissionInput extends ExternalDependencies {
  dag_id: string;
  /** sha256 of the DAG's canonical content: an identical resubmission has the same. */
  content_hash: string;
  /** When the API accepted the DAG: every task's `created_at`. */
  created_at: string;
  task_count: number;
  chunk_count: number;
  /** Give up, creating nothing, if the chunks have not all arrived within this. @defaultValue 10 minutes */
  chunks_timeout_ms?: number;
}

/** The submission's memo `dag`: what the API compares a resubmission with, and reports. */
export type DagMemo = Pick<DagSubmissionInput, 'content_hash' | 'created_at' | 'task_count'>;

/** One slice of the DAG's tasks, in topological order: every dependency is in an earlier slot or chunk. */
export interface DagChunk {
  index: number;
  tasks: SubmitTaskBody[];
}

/** Input of the activity that starts the task workflows of one batch (tasks that do not depend on each other). */
export interface StartDagTasksInput extends ExternalDependencies {
  dag_id: string;
  created_at: string;
  tasks: SubmitTaskBody[];
}

/** Tasks of the DAG that the DAG did not create because they already existed. */
export interface DagTasksOutcome {
  /** Existed with the same fields: they are the DAG's tasks all the same. */
  existing: string[];
  /** Existed with other fields: created by another submission between the API's check and this one's start. */
  conflicts: string[];
}

/** The task workflow input of each task of a DAG. */
export function dagTaskInputs(dag: ExternalDependencies & { created_at: string }) {
  const completed = new Set(dag.completed_dependencies);
  const relayed = new Set(dag.relayed_dependencies);
  return (spec: SubmitTaskBody): TaskWorkflowInput => {
    const relayedHere = spec.dependencies.filter((id) => relayed.has(id));
    return {
      spec: { ...spec, created_at: dag.created_at },
      // Dependencies inside the DAG are waited for: they start in this same submission (or existed already and
      // answer the subscription with their final state).
      completed_dependencies: spec.dependencies.filter((id) => completed.has(id)),
      ...(relayedHere.length > 0 && { relayed_dependencies: relayedHere }),
    };
  };
}
