import {
  ApplicationFailure,
  condition,
  proxyLocalActivities,
  setHandler,
  upsertMemo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities/create-activities.js';
import type { DagSubmissionInput, DagTasksOutcome } from '../src/shared/dag-inputs.js';
import { dagChunkSignal } from '../src/shared/messages.js';
import { MEMO_DAG_ACCEPTED } from '../src/shared/workflow-ids.js';
import { DagChunks } from './dag-chunks.js';
import { startBatches } from './start-batches.js';

type Activities = ReturnType<typeof createActivities>;

/**
 * The API sends every chunk right after starting this workflow, so they arrive within milliseconds; only an API
 * killed half-way leaves some missing, and then this bounds how long the submission waits for a resubmission.
 */
const CHUNKS_TIMEOUT_MS = 10 * 60_000;

/** The failure type of a submission whose chunks never all arrived: it created nothing. */
const DAG_ABANDONED = 'DAG_ABANDONED';

/**
 * Tasks started by one local activity at most: each completed batch is one marker event in the history, and at
 * most one batch is redone after a crash. 10,000 tasks take at least 50 markers.
 */
const MAX_BATCH = 200;

/**
 * A local activity, like the dependency signals: it only talks to the Temporal frontend, so it runs in the
 * workflow worker and never takes one of the MAX_CONCURRENT_TASKS slots of the work (a worker whose slots all run
 * long tasks still creates new DAGs). Its completed runs are recorded in the history, so progress survives any
 * crash without heartbeats.
 */
const { startDagTasks } = proxyLocalActivities<Pick<Activities, 'startDagTasks'>>({
  // 200 starts at 32 at a time take well under a second; this only bounds a stuck try.
  startToCloseTimeout: '2 minutes',
  // Never gives up: every start is idempotent and the API has already answered for the DAG.
  retry: { initialInterval: '200 ms', maximumInterval: '10 s' },
});

/**
 * Creates the tasks of one `POST /api/dags`, all of them or (if its chunks never all arrive) none. Receives the
 * DAG's tasks as `dagChunk` signals, marks itself accepted, then starts their workflows batch by batch in
 * topological order. Once the API has answered, no crash of the API can leave the DAG half-created: the rest is
 * this workflow's, which survives any process.
 */
export async function dagSubmissionWorkflow(input: DagSubmissionInput): Promise<DagTasksOutcome> {
  const chunks = new DagChunks(input.chunk_count);
  setHandler(dagChunkSignal, (chunk) => chunks.add(chunk));

  if (!(await condition(() => chunks.complete(), input.chunks_timeout_ms ?? CHUNKS_TIMEOUT_MS))) {
    throw ApplicationFailure.create({
      type: DAG_ABANDONED,
      message: `received ${chunks.received} of ${input.chunk_count} chunks in time; created no task`,
      nonRetryable: true,
    });
  }
  upsertMemo({ [MEMO_DAG_ACCEPTED]: true });

  const outcome: DagTasksOutcome = { existing: [], conflicts: [] };
  for (let index = 0; index < input.chunk_count; index++) {
    for (const tasks of startBatches(chunks.take(index), MAX_BATCH)) {
      const { existing, conflicts } = await startDagTasks({
        dag_id: input.dag_id,
        created_at: input.created_at,
        completed_dependencies: input.completed_dependencies,
        relayed_dependencies: input.relayed_dependencies,
        tasks,
      });
      outcome.existing.push(...existing);
      outcome.conflicts.push(...conflicts);
    }
  }
  return outcome;
}
