// The lint rules that keep the benchmark apart (eslint.config.js): it reads the environment only through its
// option schemas, and shares only the process harness with the tests.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/project-root.js';

const eslint = new ESLint({ cwd: projectRoot() });

/** The messages of `ruleId` that lint reports for `source` as if it were the file `filePath`. */
async function messages(ruleId: string, filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === ruleId).map((m) => m.message);
}

describe('bench rules', () => {
  const readsEnv = 'export const address = process.env.TEMPORAL_ADDRESS;\n';

  it('rejects process.env outside bench/options/', async () => {
    expect(await messages('no-restricted-properties', 'bench/run.ts', readsEnv)).toHaveLength(1);
    expect(await messages('no-restricted-properties', 'bench/load/serve-load.ts', readsEnv)).toHaveLength(1);
  });

  it('allows process.env in bench/options/', async () => {
    expect(await messages('no-restricted-properties', 'bench/options/bench-options.ts', readsEnv)).toEqual(
      [],
    );
  });

  it('lets the bench import test/harness and nothing else under test/', async () => {
    const harness =
      "import { withScheduler } from '../test/harness/with-scheduler.js';\nvoid withScheduler;\n";
    const helper = "import { startScheduler } from '../test/helpers/scheduler.js';\nvoid startScheduler;\n";
    expect(await messages('no-restricted-imports', 'bench/run.ts', harness)).toEqual([]);
    expect(await messages('no-restricted-imports', 'bench/run.ts', helper)).toHaveLength(1);
  });
});
