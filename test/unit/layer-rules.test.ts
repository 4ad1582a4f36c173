// The lint rules that keep dependencies pointing one way (eslint.config.js): a wrong-way import must fail lint.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/project-root.js';

const eslint = new ESLint({ cwd: projectRoot() });

/** The no-restricted-imports messages lint reports for `source` as if it were the file `filePath`. */
async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer direction', () => {
  it.each([
    ['activities/run-task.ts', "import { toTask } from '../src/tasks/task-view.js';\nvoid toTask;\n"],
    [
      'activities/run-task.ts',
      "import { taskWorkflow } from '../workflows/task-workflow.js';\nvoid taskWorkflow;\n",
    ],
    ['src/shared/task-status.ts', "import { toTask } from '../tasks/task-view.js';\nvoid toTask;\n"],
    [
      'src/api/app.ts',
      "import { taskWorkflow } from '../../workflows/task-workflow.js';\nvoid taskWorkflow;\n",
    ],
    ['src/api/app.ts', "import { createWorker } from '../worker/create-worker.js';\nvoid createWorker;\n"],
    ['src/tasks/task-view.ts', "import { createApp } from '../api/app.js';\nvoid createApp;\n"],
    ['src/metrics/api-metrics.ts', "import { toTask } from '../tasks/task-view.js';\nvoid toTask;\n"],
    [
      'src/temporal/connect.ts',
      "import { TaskService } from '../tasks/task-service.js';\nvoid TaskService;\n",
    ],
    ['workflows/task-workflow.ts', "import { toTask } from '../src/tasks/task-view.js';\nvoid toTask;\n"],
    [
      'workflows/task-workflow.ts',
      "import { submitTaskSchema } from '../src/shared/task-definition.js';\nvoid submitTaskSchema;\n",
    ],
    // dagctl is a client: the shared vocabulary, nothing of the server, at any depth of src/cli.
    ['src/cli/program.ts', "import { createApp } from '../api/app.js';\nvoid createApp;\n"],
    ['src/cli/commands/submit.ts', "import { toTask } from '../../tasks/task-view.js';\nvoid toTask;\n"],
    [
      'src/cli/commands/submit.ts',
      "import { taskWorkflow } from '../../../workflows/task-workflow.js';\nvoid taskWorkflow;\n",
    ],
    ['src/cli/api-client.ts', "import { Client } from '@temporalio/client';\nvoid Client;\n"],
  ])('rejects a wrong-way import in %s: %s', async (filePath, source) => {
    expect(await restrictedImports(filePath, source)).toHaveLength(1);
  });

  it.each([
    [
      'activities/run-task.ts',
      "import { taskWorkflowId } from '../src/shared/workflow-ids.js';\nvoid taskWorkflowId;\n",
    ],
    ['src/api/app.ts', "import { TaskService } from '../tasks/task-service.js';\nvoid TaskService;\n"],
    ['src/api/app.ts', "import { ApiMetrics } from '../metrics/api-metrics.js';\nvoid ApiMetrics;\n"],
    [
      'src/worker/create-worker.ts',
      "import { createActivities } from '../../activities/create-activities.js';\nvoid createActivities;\n",
    ],
    [
      'workflows/task-workflow.ts',
      "import type { TaskSpec } from '../src/shared/task-definition.js';\nexport type T = TaskSpec;\n",
    ],
    [
      'src/cli/commands/submit.ts',
      "import { TaskStatus } from '../../shared/task-status.js';\nvoid TaskStatus;\n",
    ],
    ['src/cli/commands/submit.ts', "import { ExitCode } from '../exit-codes.js';\nvoid ExitCode;\n"],
  ])('allows a right-way import in %s: %s', async (filePath, source) => {
    expect(await restrictedImports(filePath, source)).toEqual([]);
  });
});
