import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { DagMemo, DagTasksOutcome } from '../shared/dag-inputs.js';
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
      return {
        dagId,
        memo: description.memo?.[MEMO_DAG] as DagMemo,
        accepted: description.memo?.[MEMO_DAG_ACCEPTED] === true,
        phase: status === 'RUNNING' ? 'running' : status === 'COMPLETED' ? 'completed' : 'ended',
      };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return undefined;
      throw err;
    }
  }

  /** What a completed submission found: the tasks of the DAG that it did not create itself. */
  outcome(dagId: string): Promise<DagTasksOutcome> {
    return this.call(() => this.handle(dagId).result() as Promise<DagTasksOutcome>);
  }
}
