// How tasks and relays are named in Temporal: workflow types, workflow ids and memo keys.

export const WORKFLOW_TYPE = 'taskWorkflow';
/** The relay of a task's dependents (see workflows/dependents-relay-workflow.ts). */
export const RELAY_WORKFLOW_TYPE = 'dependentsRelayWorkflow';

/** Memo key of the submitted fields (a `TaskSpec`), immutable for the life of the task. */
export const MEMO_SPEC = 'task';
/** Memo key of the last error (a `TaskError`). */
export const MEMO_ERROR = 'error';
/** Memo key set to `true` on a task CANCELLED with cascade: a dependent that subscribes after it closed is too. */
export const MEMO_CASCADE = 'cascade';

/** Workflow ids are the task id behind a fixed prefix, so a task is easy to find in the Web UI. */
export const WORKFLOW_ID_PREFIX = 'task-';
export const taskWorkflowId = (taskId: string): string => `${WORKFLOW_ID_PREFIX}${taskId}`;
export const taskIdFromWorkflowId = (workflowId: string): string =>
  workflowId.slice(WORKFLOW_ID_PREFIX.length);
/** Another prefix than a task's, so a relay's id never collides with a task's workflow id. */
export const relayWorkflowId = (taskId: string): string => `dependents-${taskId}`;

/** The workflow that creates the tasks of one `POST /api/dags` (see workflows/dag-submission-workflow.ts). */
export const DAG_SUBMISSION_WORKFLOW_TYPE = 'dagSubmissionWorkflow';
/** A third prefix: a DAG's id may equal a task's, its workflow id never does. */
export const dagWorkflowId = (dagId: string): string => `dag-${dagId}`;
/** Memo key of a DAG submission's summary (a `DagMemo`), written at its start. */
export const MEMO_DAG = 'dag';
/** Memo key the submission sets once it holds every chunk of its DAG: from then on the DAG exists. */
export const MEMO_DAG_ACCEPTED = 'dag_accepted';
