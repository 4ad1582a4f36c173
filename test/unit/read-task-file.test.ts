// dagctl's task files: JSON or YAML, a list or {dag_id, tasks}, checked against the shared DAG schema; every bad
// file is one TaskFileError that names the file and says what is wrong, with the parser's line where it has one.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TaskFileFormat, formatOf, parseTaskFile, readTaskFile } from '../../src/cli/read-task-file.js';
import { TaskFileError } from '../../src/cli/task-file-error.js';

const parse = (text: string, format: TaskFileFormat = 'yaml') => parseTaskFile(text, { file: 'dag', format });

/** The message of the TaskFileError that `read` throws. */
async function failure(read: () => unknown): Promise<string> {
  try {
    await read();
  } catch (err) {
    expect(err).toBeInstanceOf(TaskFileError);
    return (err as TaskFileError).message;
  }
  throw new Error('expected a TaskFileError');
}

describe('a valid file', () => {
  const expected = {
    tasks: [
      { id: 'a', type: 'IO', duration_ms: 10, dependencies: [], max_attempts: 3, fail_attempts: 0 },
      { id: 'b', type: 'IO', duration_ms: 5, dependencies: ['a'], max_attempts: 1, fail_attempts: 0 },
    ],
  };

  it('reads a JSON list of tasks, defaults applied', () => {
    const text = JSON.stringify([
      { id: 'a', type: 'IO', duration_ms: 10 },
      { id: 'b', type: 'IO', duration_ms: 5, dependencies: ['a'], max_attempts: 1 },
    ]);
    expect(parse(text, 'json')).toEqual(expected);
  });

  it('reads a YAML list, or an object with dag_id and tasks', () => {
    const list = ['- {id: a, type: IO, duration_ms: 10}', '- id: b', '  type: IO', '  duration_ms: 5'];
    const rest = ['  dependencies: [a]', '  max_attempts: 1'];
    expect(parse([...list, ...rest].join('\n'))).toEqual(expected);
    const named = ['dag_id: nightly', 'tasks:', ...[...list, ...rest].map((line) => `  ${line}`)].join('\n');
    expect(parse(named)).toEqual({ dag_id: 'nightly', ...expected });
  });

  it('keeps a YAML timestamp as the string the API expects', () => {
    const [task] = parse('- {id: a, type: IO, duration_ms: 0, not_before: 2030-01-01T02:00:00Z}').tasks;
    expect(task?.not_before).toBe('2030-01-01T02:00:00Z');
  });

  it('reads JSON from a .json file, YAML from anything else, and standard input for -', async () => {
    expect([
      formatOf('dag.json'),
      formatOf('DAG.JSON'),
      formatOf('dag.yaml'),
      formatOf('dag'),
      formatOf('-'),
    ]).toEqual(['json', 'json', 'yaml', 'yaml', 'yaml']);
    const stdin = Readable.from(['[{"id": "a", "type": "IO", ', '"duration_ms": 1}]']);
    expect((await readTaskFile('-', stdin)).tasks.map((t) => t.id)).toEqual(['a']);
  });
});

describe('a bad file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'read-task-file-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('names a file that does not exist, or is a folder', async () => {
    expect(await failure(() => readTaskFile(join(dir, 'nope.yaml')))).toBe(
      `${join(dir, 'nope.yaml')}: no such file`,
    );
    expect(await failure(() => readTaskFile(dir))).toBe(`${dir}: is a directory, not a file`);
  });

  it('gives the line and column of a syntax error', async () => {
    expect(await failure(() => parse('[\n  {"id": "a"\n  {"id": "b"}\n]', 'json'))).toBe(
      "dag: invalid JSON at line 3, column 3: Expected ',' or '}' after property value",
    );
    expect(await failure(() => parse('- id: a\n  type: IO\n   duration_ms: 3\n'))).toBe(
      'dag: invalid YAML at line 2, column 9: Nested mappings are not allowed in compact mappings',
    );
    expect(await failure(() => parse('- {id: a, id: b}'))).toBe(
      'dag: invalid YAML at line 1, column 11: Map keys must be unique',
    );
    const path = join(dir, 'bad.json');
    await writeFile(path, '{"tasks": [}');
    expect(await failure(() => readTaskFile(path))).toMatch(new RegExp(`^${path}: invalid JSON`));
  });

  it.each([
    ['', 'an empty document'],
    ['just text', 'a string'],
    ['42', 'a number'],
    ['{task: []}', 'an object without "tasks"'],
  ])('rejects %j: not a list of tasks', async (text, got) => {
    expect(await failure(() => parse(text))).toBe(
      `dag: expected a list of tasks, or an object with a "tasks" list; got ${got}`,
    );
  });

  it('names every field that breaks the task definition, as the API would', async () => {
    const text = '- {id: a, type: IO, duration_ms: -1}\n- {id: a, type: IO, duration_ms: 1, colour: red}\n';
    expect(await failure(() => parse(text))).toBe(
      'dag: not a valid DAG: tasks.0.duration_ms: Too small: expected number to be >=0; ' +
        'tasks.1: Unrecognized key: "colour"; tasks.1.id: duplicate id: tasks.0 has it too',
    );
    expect(await failure(() => parse('[]'))).toMatch(/^dag: not a valid DAG: tasks: Too small/);
    expect(await failure(() => parse('{tasks: [], extra: 1}'))).toMatch(
      /the file: Unrecognized key: "extra"/,
    );
  });
});
