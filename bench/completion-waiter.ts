import { type Client, WorkflowFailedError } from '@temporalio/client';
import pLimit from 'p-limit';

/**
 * Long polls open at once. Each is one server-side wait for the close event, far cheaper than polling the API,
 * and tasks finish roughly in submission order, so a window of this size keeps up with any completion rate here.
 */
const WAIT_CONCURRENCY = 100;

/**
 * Awaits workflow results through the Temporal client (`handle.result()`: a long poll on the close event) as ids
 * are fed in, counting completions for the progress line and keeping each result.
 */
export class CompletionWaiter {
  completed = 0;
  readonly failed: string[] = [];
  readonly results = new Map<string, unknown>();
  private readonly limit = pLimit(WAIT_CONCURRENCY);
  private readonly waits: Promise<void>[] = [];

  constructor(private readonly client: Client) {}

  add(workflowIds: readonly string[]): void {
    for (const id of workflowIds) this.waits.push(this.limit(() => this.await(id)));
  }

  /** Resolves once every id added so far has closed; rejects on anything but a workflow failure. */
  async all(): Promise<void> {
    await Promise.all(this.waits);
  }

  private async await(workflowId: string): Promise<void> {
    try {
      this.results.set(workflowId, await this.client.workflow.getHandle(workflowId).result());
    } catch (err) {
      if (!(err instanceof WorkflowFailedError)) throw err;
      this.failed.push(workflowId); // a FAILED task is an outcome to report, not a reason to stop the run
    } finally {
      this.completed++;
    }
  }
}
