// One task definition and the timestamps of its run, shared by the unit tests of the task view and of
// resubmission.
import type { TaskSpec } from '../../src/shared/task-definition.js';

export const spec: TaskSpec = {
  id: 'report-42',
  type: 'REPORT',
  duration_ms: 1_500,
  dependencies: ['extract-1', 'extract-2'],
  max_attempts: 4,
  fail_attempts: 1,
  created_at: '2024-05-01T10:00:00.000Z',
};

export const STARTED = new Date('2024-05-01T10:00:01.000Z');
export const COMPLETED = new Date('2024-05-01T10:00:05.000Z');

export const specFields = {
  id: spec.id,
  type: spec.type,
  duration_ms: spec.duration_ms,
  dependencies: spec.dependencies,
  max_attempts: spec.max_attempts,
  fail_attempts: spec.fail_attempts,
  created_at: spec.created_at,
};
