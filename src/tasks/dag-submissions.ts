import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { DagChunk, DagMemo, DagSubmissionInput, DagTasksOutcome } from '../shared/dag-inputs.js';
import { dagChunkSignal } from '../shared/messages.js';
import {
  DAG_SUBMISSION_WORKFLOW_TYPE,
  MEMO_DAG,
  MEMO_DAG_ACCEPTED,
  dagWorkflowId,
} from '../shared/workflow-ids.js';
import type { DeadlineCaller } from '../temporal/call-with-deadline.js';

/** Where a DAG's submission workflow stands, as describe (strongly consistent) shows it. */
export interface DagSubmissionState {
  dagId: string;
  memo: DagMemo;
  /** It holds every chunk of the DAG: the DAG exists, and its tasks are being (or have been) created. */
  accepted: boolean;
  /**
   * `running`: waiting for chunks or creating tasks; `completed`: every task exists; `ended`: closed any other way
   * (abandoned before every chunk arrived, or terminated from outside), so a resubmission may start it again.
   */
  phase: 'running' | 'completed' | 'ended';
}

/** Reads DAG submission workflows: shared by the submission of a DAG and the queries about it. */
export class DagSubmissions {
  constructor(
    private readonly client: Client,
    private readonly call: DeadlineCaller,
  ) {}

  handle(dagId: string) {
    return this.client.workflow.getHandle(dagWorkflowId(dagId));
  }

  /** The DAG's submission, or undefined when there never was one (or retention deleted it). */
  async describe(dagId: string): Promise<DagSubmissionState | undefined> {
    try {
      const description = await this.call(() => this.handle(dagId).describe());
      if (description.type !== DAG_SUBMISSION_WORKFLOW_TYPE) return undefined;
      const status = description.status.name;
      const phase = status === 'RUNNING' ? 'running' : status === 'COMPLETED' ? 'completed' : 'ended';
      const marked = description.memo?.[MEMO_DAG_ACCEPTED] === true;
      return {
        dagId,
        memo: description.memo?.[MEMO_DAG] as DagMemo,
        accepted: marked || (phase === 'running' && (await this.holdsEveryChunk(dagId))),
        phase,
      };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return undefined;
      throw err;
    }
  }

  /**
   * Whether every chunk of a submission whose memo does not say accepted yet is in its history. The API answers
   * once its chunk signals are delivered, which is before a worker has run the workflow task that marks the memo:
   * between the two, the history (strongly consistent, and small until then) says that the DAG exists, so a GET
   * right after a 202 finds it. (The workflow accepts the chunks it holds unless its chunk timeout, minutes after its
   * start, fired first: the API would not have answered then either.)
   */
  private async holdsEveryChunk(dagId: string): Promise<boolean> {
    const history = await this.call(() => this.handle(dagId).fetchHistory());
    let chunkCount: number | undefined;
    const held = new Set<number>();
    for (const event of history.events ?? []) {
      const input = event.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
      if (input) chunkCount = defaultPayloadConverter.fromPayload<DagSubmissionInput>(input).chunk_count;
      const signal = event.workflowExecutionSignaledEventAttributes;
      const chunk = signal?.signalName === dagChunkSignal.name ? signal.input?.payloads?.[0] : undefined;
      if (chunk) held.add(defaultPayloadConverter.fromPayload<DagChunk>(chunk).index);
    }
    return chunkCount !== undefined && held.size >= chunkCount;
  }

  /** What a completed submission found: the tasks of the DAG that it did not create itself. */
  outcome(dagId: string): Promise<DagTasksOutcome> {
    return this.call(() => this.handle(dagId).result() as Promise<DagTasksOutcome>);
  }
}
