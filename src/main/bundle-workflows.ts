// Part of `npm run build`: bundles the workflow code once, so a worker starts without running webpack (seconds
// saved on every start and restart, which is when a crashed worker's tasks are waiting for it).
import { writeFile } from 'node:fs/promises';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundlePath, workflowsPath } from '../worker/create-worker.js';

const { code } = await bundleWorkflowCode({ workflowsPath: workflowsPath() });
await writeFile(workflowBundlePath(), code);
