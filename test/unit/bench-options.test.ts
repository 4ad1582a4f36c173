// The benchmark's option schemas (bench/options/): defaults, every flag, and errors that name the bad input.
import { describe, expect, it } from 'vitest';
import { parseBaselineWorkerEnvironment } from '../../bench/options/baseline-worker-environment.js';
import { parseBenchOptions } from '../../bench/options/bench-options.js';
import { parseCompareOptions } from '../../bench/options/compare-options.js';
import { parseDagPageOptions } from '../../bench/options/dag-page-options.js';
import { UsageError } from '../../bench/options/usage-error.js';
import { parseVisibilityOptions } from '../../bench/options/visibility-options.js';

/** Runs `parse` expecting a UsageError, and returns its message. */
function usageError(parse: () => unknown): string {
  try {
    parse();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as UsageError).message;
  }
  throw new Error('the input was accepted');
}

const bench = (argv: string[], env: Record<string, string> = {}) => {
  const parsed = parseBenchOptions(argv, env);
  if (parsed === 'help') throw new Error('unexpected help');
  return parsed;
};

describe('parseBenchOptions', () => {
  it('runs every workload at the default sizes against an embedded server when given nothing', () => {
    expect(bench([])).toEqual({
      options: {
        quick: false,
        only: [1, 2, 3, 4, 5],
        target: 'dev',
        label: undefined,
        shards: 16,
        workers: 1,
        apis: 1,
        sizes: {
          independent: 2000,
          timed: 500,
          chain: 100,
          fanout: 500,
          dag: 2000,
          burst: 4000,
          burstPaced: 400,
        },
        burst: {
          rate: 0,
          offered: 3.5,
          inFlight: 256,
          maxQueued: [2000, 0],
          maxRate: [0],
          slowSubmitMs: [0],
          maxInFlight: 500,
        },
        cap: 50,
        inFlight: 64,
        rate: 0,
        seed: 1,
        baseline: true,
        idleSeconds: 10,
        keepData: false,
        resultsDir: undefined,
        serverArgs: [],
      },
      environment: { TEMPORAL_NAMESPACE: 'default' },
    });
  });

  it('takes the quick sizes with --quick, and a size flag over either', () => {
    expect(bench(['--quick', '--size-dag=7']).options.sizes).toEqual({
      independent: 200,
      timed: 100,
      chain: 20,
      fanout: 50,
      dag: 7,
      burst: 300,
      burstPaced: 60,
    });
    expect(bench(['--size-chain=3']).options.sizes.chain).toBe(3);
  });

  it('maps every other flag onto its option', () => {
    const { options } = bench([
      '--only=3,1',
      '--cap=8',
      '--in-flight=4',
      '--rate=100',
      '--seed=9',
      '--skip-baseline',
      '--keep-data',
      '--results-dir=/tmp/results',
      '--server-arg=--sqlite-pragma',
      '--server-arg=journal_mode=delete',
    ]);
    expect(options).toMatchObject({
      only: [1, 3],
      cap: 8,
      inFlight: 4,
      rate: 100,
      seed: 9,
      baseline: false,
      keepData: true,
      resultsDir: '/tmp/results',
      serverArgs: ['--sqlite-pragma', 'journal_mode=delete'],
    });
  });

  it('maps the target, scale-out and burst flags', () => {
    const { options } = bench([
      '--target=both',
      '--label=pg',
      '--shards=1',
      '--workers=2',
      '--apis=3',
      '--only=6',
      '--size-burst=900',
      '--size-burst-paced=90',
      '--burst-rate=25',
      '--burst-in-flight=32',
      '--burst-max-queued=500,0,500',
      '--burst-max-in-flight=0',
      '--burst-max-rate=0,paced,20,paced',
      '--burst-slow-submit-ms=100,0,100',
      '--burst-offered=0',
    ]);
    expect(options).toMatchObject({
      target: 'both',
      label: 'pg',
      shards: 1,
      workers: 2,
      apis: 3,
      only: [6],
      sizes: { burst: 900, burstPaced: 90 },
      burst: {
        rate: 25,
        offered: 0,
        inFlight: 32,
        maxQueued: [500, 0],
        maxRate: [0, 'paced', 20],
        slowSubmitMs: [100, 0],
        maxInFlight: 0,
      },
    });
  });

  it('reads the server, namespace and CLI from the environment', () => {
    const env = {
      TEMPORAL_ADDRESS: '127.0.0.1:7300',
      TEMPORAL_NAMESPACE: 'bench',
      TEMPORAL_CLI_PATH: '/bin/t',
    };
    expect(bench([], { ...env, API_TOKEN: 'not read by the run' }).environment).toEqual(env);
  });

  it('answers help for --help and -h', () => {
    expect(parseBenchOptions(['--help'], {})).toBe('help');
    expect(parseBenchOptions(['-h', '--cap=0'], {})).toBe('help');
  });

  it.each([
    [['--cap=0'], '--cap=0: expected a positive integer'],
    [['--size-dag=1e3'], '--size-dag=1e3: expected a positive integer'],
    [['--seed= 4'], '--seed= 4: expected a positive integer'],
    [['--only=0,2'], '--only=0,2: expected numbers 1-6'],
    [['--only='], '--only=: expected numbers 1-6'],
    [['--target=prod'], '--target=prod: Invalid option: expected one of "dev"|"cluster"|"both"'],
    [['--workers=0'], '--workers=0: expected a positive integer'],
    [['--burst-max-queued=1,,2'], '--burst-max-queued=1,,2: expected whole numbers separated by commas'],
    [
      ['--burst-max-rate=fast'],
      '--burst-max-rate=fast: expected whole numbers or "paced", separated by commas',
    ],
    [['--burst-offered=fast'], '--burst-offered=fast: expected a number such as 3.5'],
    [['--label=a b'], '--label=a b: expected letters, digits, dots, dashes or underscores'],
  ])('rejects %j naming the flag and its value', (argv, message) => {
    expect(usageError(() => parseBenchOptions(argv, {}))).toBe(message);
  });

  it('reports every bad flag at once', () => {
    const message = usageError(() => parseBenchOptions(['--cap=x', '--rate=-1'], {}));
    expect(message.split('\n')).toEqual([
      '--cap=x: expected a positive integer',
      '--rate=-1: expected a positive integer',
    ]);
  });

  it('rejects an unknown flag and a value-less one as usage errors', () => {
    expect(usageError(() => parseBenchOptions(['--bogus'], {}))).toContain("'--bogus'");
    expect(usageError(() => parseBenchOptions(['--cap'], {}))).toContain('--cap');
  });

  it('rejects a bad variable naming it and its value', () => {
    expect(usageError(() => parseBenchOptions([], { TEMPORAL_ADDRESS: 'nope' }))).toBe(
      'TEMPORAL_ADDRESS="nope": must be host:port with a port of at most 65535',
    );
  });
});

describe('parseBaselineWorkerEnvironment', () => {
  const complete = {
    TEMPORAL_ADDRESS: '127.0.0.1:7233',
    TEMPORAL_TASK_QUEUE: 'bench-x-baseline',
    MAX_CONCURRENT_TASKS: '50',
  };

  it('parses what the run sets', () => {
    expect(parseBaselineWorkerEnvironment(complete)).toEqual({
      ...complete,
      TEMPORAL_NAMESPACE: 'default',
      MAX_CONCURRENT_TASKS: 50,
    });
  });

  it.each(['TEMPORAL_ADDRESS', 'TEMPORAL_TASK_QUEUE', 'MAX_CONCURRENT_TASKS'])('requires %s', (name) => {
    const env: Record<string, string | undefined> = { ...complete, [name]: undefined };
    expect(usageError(() => parseBaselineWorkerEnvironment(env))).toMatch(new RegExp(`^${name}=undefined: `));
  });
});

describe('parseVisibilityOptions', () => {
  it('defaults to 30 samples against localhost:3000 without a token', () => {
    expect(parseVisibilityOptions([], {})).toEqual({ samples: 30, API_URL: 'http://localhost:3000' });
  });

  it('takes the sample count from its argument and the API from the environment', () => {
    const env = { API_URL: 'http://10.0.0.2:3001', API_TOKEN: 'a-token-of-sixteen+' };
    expect(parseVisibilityOptions(['5'], env)).toEqual({ samples: 5, ...env });
  });

  it('names a bad argument or URL, and never prints a token', () => {
    expect(usageError(() => parseVisibilityOptions(['many'], {}))).toBe(
      'samples=many: expected a positive integer',
    );
    expect(usageError(() => parseVisibilityOptions([], { API_URL: 'localhost' }))).toMatch(
      /^API_URL="localhost": /,
    );
    const message = usageError(() => parseVisibilityOptions([], { API_TOKEN: 'short-secret' }));
    expect(message).toMatch(/^API_TOKEN=<secret of 12 characters>: /);
    expect(message).not.toContain('short-secret');
  });
});

describe('parseDagPageOptions', () => {
  it('defaults to a 2,000-task DAG against localhost:3000, and takes the size from its argument', () => {
    expect(parseDagPageOptions([], {})).toEqual({ tasks: 2_000, API_URL: 'http://localhost:3000' });
    const env = { API_URL: 'http://10.0.0.2:3001', API_TOKEN: 'a-token-of-sixteen+' };
    expect(parseDagPageOptions(['500'], env)).toEqual({ tasks: 500, ...env });
  });

  it('names a bad size, one DAG request at most', () => {
    expect(usageError(() => parseDagPageOptions(['0'], {}))).toBe('tasks=0: expected a positive integer');
    expect(usageError(() => parseDagPageOptions(['10001'], {}))).toMatch(/^tasks=10001: at most 10,000/);
  });
});

describe('parseCompareOptions', () => {
  it('takes two report files and optional run labels', () => {
    expect(parseCompareOptions(['a.json', 'b.json', '--other-run=cluster'])).toEqual({
      base: 'a.json',
      other: 'b.json',
      'other-run': 'cluster',
    });
    expect(parseCompareOptions(['-h'])).toBe('help');
  });

  it('rejects anything but two files', () => {
    expect(usageError(() => parseCompareOptions(['a.json']))).toBe('expected two report files');
    expect(usageError(() => parseCompareOptions(['a', 'b', '--bogus']))).toContain("'--bogus'");
  });
});
