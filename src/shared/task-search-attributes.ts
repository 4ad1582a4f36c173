import { defineSearchAttributeKey } from '@temporalio/common';

/** Custom search attributes: what list, filter and stats query, and what the Web UI shows as columns. */
export const SearchAttributes = {
  status: defineSearchAttributeKey('TaskStatus', 'KEYWORD'),
  type: defineSearchAttributeKey('TaskType', 'KEYWORD'),
  attempts: defineSearchAttributeKey('TaskAttempts', 'INT'),
  startedAt: defineSearchAttributeKey('TaskStartedAt', 'DATETIME'),
  completedAt: defineSearchAttributeKey('TaskCompletedAt', 'DATETIME'),
  /**
   * The DAG submission that created the task (`POST /api/dags`); unset on tasks submitted one by one. A Keyword: SQL
   * visibility allows 10 per namespace, and this is the third.
   */
  dag: defineSearchAttributeKey('TaskDag', 'KEYWORD'),
} as const;
