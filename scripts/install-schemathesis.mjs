// Installs the pinned schemathesis (tools/schemathesis-requirements.txt) into .tools/schemathesis for
// `npm run test:fuzz` and `npm run test:faults`. Run it as `node scripts/install-schemathesis.mjs`.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePipTool } from './pip-tool.mjs';

ensurePipTool({
  root: join(dirname(fileURLToPath(import.meta.url)), '..'),
  folder: 'schemathesis',
  requirements: 'schemathesis-requirements.txt',
  installedFile: join('schemathesis', '__init__.py'),
  log: (message) => process.stderr.write(`[setup] ${message}\n`),
});
