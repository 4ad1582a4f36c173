#!/usr/bin/env node
// `dagctl`, the scheduler's command-line client (docs/cli.md). Everything but the process lives in run-dagctl.ts.
import { runDagctl } from './run-dagctl.js';

process.exitCode = await runDagctl(process.argv, {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
