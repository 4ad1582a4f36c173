// Entry point of the workflow bundle: every workflow the worker registers.
export { taskWorkflow } from './task-workflow.js';
export { dependentsRelayWorkflow } from './dependents-relay-workflow.js';
export { dagSubmissionWorkflow } from './dag-submission-workflow.js';
