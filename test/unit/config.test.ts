import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, temporalUiUrl } from '../../src/config/config.js';

/** Parses `env` expecting a ConfigError, and returns it. */
function configError(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
}

describe('parseConfig', () => {
  it('gives every setting its default when the environment is empty', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      MAX_CONCURRENT_TASKS: 3,
      LOG_LEVEL: 'info',
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'dag-tasks',
      TEMPORAL_DEV_PORT: 7233,
      TEMPORAL_DATA_DIR: '.data',
      // Admission control: the adaptive rate on, the fixed rate off, the backlog and in-flight limits on.
      ADMISSION_SLOW_SUBMIT_MS: 100,
      ADMISSION_MAX_RATE: 0,
      ADMISSION_MAX_QUEUED: 2_000,
      ADMISSION_MAX_IN_FLIGHT: 500,
    });
    expect(config.TEMPORAL_ADDRESS).toBeUndefined();
    expect(config.TEMPORAL_CLI_PATH).toBeUndefined();
    // A worker serves neither probes nor metrics unless asked: several often share one machine.
    expect(config.WORKER_HEALTH_PORT).toBeUndefined();
    expect(config.WORKER_METRICS_PORT).toBeUndefined();
  });

  it('reads TASK_TYPE_LIMITS as a cap per type, none by default', () => {
    expect(parseConfig({}).TASK_TYPE_LIMITS).toEqual({});
    expect(parseConfig({ TASK_TYPE_LIMITS: '' }).TASK_TYPE_LIMITS).toEqual({});
    expect(parseConfig({ TASK_TYPE_LIMITS: 'IO=20,COMPUTE=2,report.v2-x=1' }).TASK_TYPE_LIMITS).toEqual({
      IO: 20,
      COMPUTE: 2,
      'report.v2-x': 1,
    });
  });

  it('treats an unset (undefined) variable as absent', () => {
    expect(parseConfig({ PORT: undefined, TEMPORAL_ADDRESS: undefined })).toMatchObject({ PORT: 3000 });
    expect(parseConfig({ TEMPORAL_ADDRESS: undefined }).TEMPORAL_ADDRESS).toBeUndefined();
  });

  it('coerces numeric variables from their string values', () => {
    const config = parseConfig({ PORT: '8080', MAX_CONCURRENT_TASKS: '12', TEMPORAL_DEV_PORT: '7300' });
    expect(config.PORT).toBe(8080);
    expect(config.MAX_CONCURRENT_TASKS).toBe(12);
    expect(config.TEMPORAL_DEV_PORT).toBe(7300);
  });

  it('accepts the numeric boundaries', () => {
    expect(parseConfig({ PORT: '0' }).PORT).toBe(0);
    expect(parseConfig({ PORT: '65535' }).PORT).toBe(65535);
    expect(parseConfig({ MAX_CONCURRENT_TASKS: '1' }).MAX_CONCURRENT_TASKS).toBe(1);
    expect(parseConfig({ MAX_CONCURRENT_TASKS: '10000' }).MAX_CONCURRENT_TASKS).toBe(10_000);
    expect(parseConfig({ TEMPORAL_DEV_PORT: '1' }).TEMPORAL_DEV_PORT).toBe(1);
    expect(parseConfig({ TEMPORAL_DEV_PORT: '64535' }).TEMPORAL_DEV_PORT).toBe(64535);
    expect(parseConfig({ WORKER_HEALTH_PORT: '0' }).WORKER_HEALTH_PORT).toBe(0);
    expect(parseConfig({ WORKER_HEALTH_PORT: '65535' }).WORKER_HEALTH_PORT).toBe(65535);
    expect(parseConfig({ WORKER_METRICS_PORT: '1' }).WORKER_METRICS_PORT).toBe(1);
    expect(parseConfig({ WORKER_METRICS_PORT: '65535' }).WORKER_METRICS_PORT).toBe(65535);
  });

  it('keeps the string settings it is given', () => {
    const config = parseConfig({
      LOG_LEVEL: 'debug',
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_NAMESPACE: 'prod',
      TEMPORAL_TASK_QUEUE: 'q1',
      TEMPORAL_CLI_PATH: '/usr/local/bin/temporal',
      TEMPORAL_DATA_DIR: '/var/lib/scheduler',
    });
    expect(config).toMatchObject({
      LOG_LEVEL: 'debug',
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_NAMESPACE: 'prod',
      TEMPORAL_TASK_QUEUE: 'q1',
      TEMPORAL_CLI_PATH: '/usr/local/bin/temporal',
      TEMPORAL_DATA_DIR: '/var/lib/scheduler',
    });
  });

  it.each(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])('accepts LOG_LEVEL=%s', (level) => {
    expect(parseConfig({ LOG_LEVEL: level }).LOG_LEVEL).toBe(level);
  });

  it("links the DAG page to TEMPORAL_UI_URL, by default the embedded dev server's Web UI", () => {
    expect(parseConfig({}).TEMPORAL_UI_URL).toBeUndefined();
    expect(temporalUiUrl(parseConfig({}))).toBe('http://localhost:8233');
    expect(temporalUiUrl(parseConfig({ TEMPORAL_DEV_PORT: '7300' }))).toBe('http://localhost:8300');
    // A trailing slash is dropped: the page appends `/namespaces/...`.
    const config = parseConfig({
      TEMPORAL_UI_URL: 'https://temporal.example.com/ui/',
      TEMPORAL_DEV_PORT: '7300',
    });
    expect(temporalUiUrl(config)).toBe('https://temporal.example.com/ui');
    expect(temporalUiUrl(parseConfig({ TEMPORAL_UI_URL: 'http://localhost:8080' }))).toBe(
      'http://localhost:8080',
    );
  });

  it('ignores variables it does not know', () => {
    expect(parseConfig({ HOME: '/root', PATH: '/bin' })).not.toHaveProperty('HOME');
  });
});

describe('parseConfig rejects an invalid value with a ConfigError naming the variable and the value', () => {
  it.each([
    ['MAX_CONCURRENT_TASKS', '0'],
    ['MAX_CONCURRENT_TASKS', 'abc'],
    ['MAX_CONCURRENT_TASKS', '-1'],
    ['MAX_CONCURRENT_TASKS', '2.5'],
    ['MAX_CONCURRENT_TASKS', '10001'],
    ['PORT', '70000'],
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['PORT', '1.5'],
    ['PORT', 'http'],
    ['TEMPORAL_DEV_PORT', '0'],
    ['TEMPORAL_DEV_PORT', '64536'],
    ['TEMPORAL_DEV_PORT', 'seven'],
    ['WORKER_HEALTH_PORT', '65536'],
    ['WORKER_HEALTH_PORT', ''],
    // The SDK's exporter cannot report a port it chose.
    ['WORKER_METRICS_PORT', '0'],
    ['WORKER_METRICS_PORT', '65536'],
    ['WORKER_METRICS_PORT', 'x'],
    ['LOG_LEVEL', 'loud'],
    ['LOG_LEVEL', 'INFO'],
    ['LOG_LEVEL', ''],
    ['TEMPORAL_ADDRESS', 'nohost'],
    ['TEMPORAL_ADDRESS', 'host:'],
    ['TEMPORAL_ADDRESS', ':7233'],
    ['TEMPORAL_ADDRESS', 'host:port'],
    ['TEMPORAL_ADDRESS', 'my host:7233'],
    ['TEMPORAL_ADDRESS', 'http://host:7233'],
    ['TEMPORAL_ADDRESS', ''],
    ['TEMPORAL_NAMESPACE', ''],
    ['TEMPORAL_TASK_QUEUE', ''],
    ['TEMPORAL_TASK_QUEUE', "q' OR TaskStatus = 'FAILED"],
    ['TEMPORAL_CLI_PATH', ''],
    ['TEMPORAL_DATA_DIR', ''],
    ['TASK_TYPE_LIMITS', 'IO'],
    ['TASK_TYPE_LIMITS', 'IO=0'],
    ['TASK_TYPE_LIMITS', 'IO=2,IO=3'],
    ['TASK_TYPE_LIMITS', 'IO=2;COMPUTE=1'],
    ['TASK_TYPE_LIMITS', 'I O=2'],
    ['TASK_TYPE_LIMITS', 'IO=-1'],
    ['TASK_TYPE_LIMITS', 'IO=2,'],
    ['TEMPORAL_UI_URL', ''],
    ['TEMPORAL_UI_URL', 'localhost:8233'],
    ['TEMPORAL_UI_URL', 'javascript:alert(1)'],
    ['TEMPORAL_UI_URL', 'ftp://temporal.example.com'],
  ])('%s=%j', (name, value) => {
    const err = configError({ [name]: value });
    expect(err.name).toBe('ConfigError');
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toContain(`${name}=${JSON.stringify(value)}`);
    expect(err.message).toContain(`${name}=${JSON.stringify(value)}`);
  });

  it('reports every invalid variable at once, each with its value', () => {
    const err = configError({ PORT: '70000', LOG_LEVEL: 'loud', MAX_CONCURRENT_TASKS: 'abc' });
    expect(err.problems).toHaveLength(3);
    expect(err.message).toContain('PORT="70000"');
    expect(err.message).toContain('LOG_LEVEL="loud"');
    expect(err.message).toContain('MAX_CONCURRENT_TASKS="abc"');
    expect(err.message).toMatch(/^Invalid configuration:/);
  });

  it('says what a valid value looks like', () => {
    expect(configError({ TEMPORAL_ADDRESS: 'nohost' }).message).toContain('host:port');
    expect(configError({ LOG_LEVEL: 'loud' }).message).toContain('"debug"');
    expect(configError({ PORT: '70000' }).message).toContain('65535');
  });

  // An empty numeric variable (as in a `.env` line `PORT=`) is coerced by Number('') to 0. For PORT, 0 is a valid
  // value (an ephemeral port), so `PORT=` silently starts the API on a random port instead of failing or using 3000.
  it.each([['PORT'], ['MAX_CONCURRENT_TASKS'], ['TEMPORAL_DEV_PORT']])(
    'an empty or blank %s is an error, never read as 0',
    (name) => {
      for (const value of ['', '  ']) {
        const err = configError({ [name]: value });
        expect(err.message).toContain(`${name}=${JSON.stringify(value)}`);
      }
    },
  );

  it('rejects a TEMPORAL_ADDRESS whose port is out of range', () => {
    const err = configError({ TEMPORAL_ADDRESS: 'localhost:99999' });
    expect(err.message).toContain('TEMPORAL_ADDRESS="localhost:99999"');
  });
});
