// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'events',
  'timers',
  'util',
  'url',
  'stream',
  'worker_threads',
];

/**
 * Which folders of src/ each folder of src/ may import from: dependencies point one way, from the entry points
 * (main) through the API and the worker to the services, the Temporal adapter and the shared vocabulary, which
 * imports none of them. workflows/ and activities/ import only src/shared (rules below); nothing imports src/main.
 */
const srcLayers = {
  shared: [],
  config: [],
  logging: [],
  metrics: ['shared'],
  errors: ['shared'],
  temporal: ['shared', 'errors', 'logging'],
  tasks: ['shared', 'errors', 'temporal'],
  api: ['tasks', 'shared', 'errors', 'logging', 'config', 'metrics'],
  worker: ['shared', 'temporal', 'logging', 'config'],
  cluster: ['temporal', 'config', 'logging'],
  main: ['api', 'worker', 'tasks', 'temporal', 'cluster', 'metrics', 'shared', 'errors', 'logging', 'config'],
  // dagctl is a client of the REST API: it shares the vocabulary (statuses, the task and DAG schemas), no server code.
  cli: ['shared'],
};

/** Packages a layer must not import, beyond the layer map: the CLI talks HTTP only, through fetch. */
const layerPackages = {
  cli: {
    group: [
      '@temporalio/*',
      'express',
      'express/*',
      'pino',
      'pino-*',
      'prom-client',
      'helmet',
      'cors',
      'dotenv',
    ],
    message: 'src/cli is a client of the REST API: no Temporal SDK or server packages.',
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', '.data/**', 'bench-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'error',
    },
  },
  {
    // Workflow code must stay deterministic: no Node built-ins, no I/O, no clocks or randomness outside the SDK's.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'Workflow code must be deterministic: no Node.js built-ins.' },
            {
              group: [
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/activity',
                'p-limit',
                'pino*',
                'express',
                'zod',
              ],
              message:
                'Workflow code may import only @temporalio/workflow, @temporalio/common and pure modules.',
            },
            {
              regex: '^\\.\\./src/(?!shared/)',
              message: 'Workflows import only the shared vocabulary (src/shared) from src.',
            },
            {
              regex: '^\\.\\./activities/',
              allowTypeImports: true,
              message: 'Import activities as types only.',
            },
            {
              // These two bring zod and the client into the workflow bundle.
              regex: '/shared/(task-definition|task-execution)\\.js$',
              allowTypeImports: true,
              message: 'Import the task definition and execution helpers as types only in workflow code.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'process', message: 'Workflow code has no process.' },
      ],
    },
  },
  {
    files: ['activities/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./src/(?!shared/)',
              message: 'Activities import only the shared vocabulary (src/shared) from src.',
            },
            { regex: '^\\.\\./workflows/', message: 'Activities never import workflow code.' },
          ],
        },
      ],
    },
  },
  // One block per depth of folder inside a layer (src/cli/commands/ is one deep): the patterns see the import as
  // written, so each `../` that stays inside the layer is counted out before the layer's boundary.
  ...Object.entries(srcLayers).flatMap(([layer, allowed]) =>
    [0, 1, 2].map((depth) => {
      const up = '\\.\\./'.repeat(depth);
      return {
        files: [`src/${layer}/${'*/'.repeat(depth)}*.ts`],
        rules: {
          'no-restricted-imports': [
            'error',
            {
              patterns: [
                {
                  regex: `^${up}\\.\\./(?!\\.\\./|(${[...allowed, 'project-root\\.js'].join('|')})(/|$))`,
                  message: `src/${layer} may import only from ${allowed.length > 0 ? allowed.map((l) => `src/${l}`).join(', ') : 'no other layer'} (see the layer map in eslint.config.js).`,
                },
                {
                  regex: `^${up}\\.\\./\\.\\./(?!${layer === 'worker' ? 'activities/' : '$'})`,
                  message: `src/${layer} must not import workflows, activities, tests or the bench.`,
                },
                ...(layer === 'cli' ? [layerPackages.cli] : []),
              ],
            },
          ],
        },
      };
    }),
  ),
  {
    files: ['bench/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+test/(?!harness/)',
              message: 'The bench shares only the process harness (test/harness) with the tests.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // The DAG page's browser code (served as it is, no build): plain ES modules, the browser's globals and the
    // cytoscape library's, which its UMD build defines.
    files: ['web/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions, // no tsconfig covers web/
      sourceType: 'module',
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'sessionStorage',
          'fetch',
          'URLSearchParams',
          'Option',
          'performance',
          'requestAnimationFrame',
          'setTimeout',
          'getComputedStyle',
          'ResizeObserver',
          'cytoscape',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    // Only the config module reads the environment.
    files: ['src/**/*.ts', 'activities/**/*.ts'],
    ignores: ['src/config/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings from loadConfig().' },
      ],
    },
  },
  {
    // Only the option schemas read the benchmark's environment.
    files: ['bench/**/*.ts'],
    ignores: ['bench/options/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings through a schema in bench/options/.' },
      ],
    },
  },
);
