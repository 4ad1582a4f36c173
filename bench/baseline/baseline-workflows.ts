// Entry point of the baseline worker's workflow bundle: both baselines' workflows in one bundle, so one worker
// serves both and webpack runs once (seconds of CPU) at its start.
export { baselineWorkflow } from './baseline-workflow.js';
export { hopWorkflow } from './hop-workflow.js';
