// Worker process of the baseline: like dist/src/main/worker.js (same NativeConnection settings, same activity
// slots) but registering only the baselines' workflows and activities, on the baselines' own task queue.
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { parseBaselineWorkerEnvironment } from '../options/baseline-worker-environment.js';
import { baselineActivities } from './baseline-activities.js';

const env = parseBaselineWorkerEnvironment();

// The scheduler's worker logs at LOG_LEVEL=warn in the benchmark; so does this one.
Runtime.install({ logger: new DefaultLogger('WARN') });
const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
const worker = await Worker.create({
  connection,
  namespace: env.TEMPORAL_NAMESPACE,
  taskQueue: env.TEMPORAL_TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./baseline-workflows.js', import.meta.url)),
  activities: baselineActivities,
  maxConcurrentActivityTaskExecutions: env.MAX_CONCURRENT_TASKS,
});
// Worker.run() stops by itself on SIGINT/SIGTERM.
try {
  await worker.run();
} finally {
  await connection.close();
}
