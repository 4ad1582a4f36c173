import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import proto, { type temporal } from '@temporalio/proto';
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
        accepted:
          marked || (phase === 'running' && (await this.holdsEveryChunk(dagId, description.historyLength))),
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
   *
   * A signal that arrives while a worker runs a workflow task is held back by the server and written to the history
   * only when that task completes. So when the history ends in a started workflow task, this waits (a long poll,
   * under the call deadline) for the task to end, and counts what the server writes then.
   */
  private async holdsEveryChunk(dagId: string, historyLength: number): Promise<boolean> {
    const chunks = new ChunkTally();
    let nextPageToken: Uint8Array | null | undefined;
    let lastEventId = 0;
    let taskInFlight = false;
    do {
      // With waitNewEvent, pages up to the end of the history come at once; past its end, the call waits for more.
      const page = await this.call(() =>
        this.client.workflowService.getWorkflowExecutionHistory({
          namespace: this.client.options.namespace,
          execution: { workflowId: dagWorkflowId(dagId) },
          nextPageToken,
          waitNewEvent: true,
        }),
      );
      for (const event of page.history?.events ?? []) {
        chunks.count(event);
        lastEventId = Number(event.eventId);
        taskInFlight = event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED;
      }
      if (chunks.complete()) return true;
      nextPageToken = page.nextPageToken;
    } while (nextPageToken?.length && (lastEventId < historyLength || taskInFlight));
    return false;
  }

  /** What a completed submission found: the tasks of the DAG that it did not create itself. */
  outcome(dagId: string): Promise<DagTasksOutcome> {
    return this.call(() => this.handle(dagId).result() as Promise<DagTasksOutcome>);
  }
}

const EventType = proto.temporal.api.enums.v1.EventType;

/** The chunks a submission's history holds, counted event by event. */
class ChunkTally {
  private chunkCount: number | undefined;
  private readonly held = new Set<number>();

  count(event: temporal.api.history.v1.IHistoryEvent): void {
    const input = event.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    if (input) this.chunkCount = defaultPayloadConverter.fromPayload<DagSubmissionInput>(input).chunk_count;
    const signal = event.workflowExecutionSignaledEventAttributes;
    const chunk = signal?.signalName === dagChunkSignal.name ? signal.input?.payloads?.[0] : undefined;
    if (chunk) this.held.add(defaultPayloadConverter.fromPayload<DagChunk>(chunk).index);
  }

  complete(): boolean {
    return this.chunkCount !== undefined && this.held.size >= this.chunkCount;
  }
}
