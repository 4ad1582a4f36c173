// A DAG from a file: JSON or YAML, either a list of task bodies or `{dag_id?, tasks: [...]}`, checked against the
// shared DAG schema before anything is sent, so that a typo is reported with its place in the file and exit code 2.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { text as readStream } from 'node:stream/consumers';
import { parseDocument } from 'yaml';
import { type SubmitDagBody, submitDagSchema } from '../shared/dag-definition.js';
import { TaskFileError } from './task-file-error.js';

export type TaskFileFormat = 'json' | 'yaml';

/** JSON for `*.json`; YAML otherwise, standard input included (YAML 1.2 reads JSON too). */
export const formatOf = (file: string): TaskFileFormat =>
  extname(file).toLowerCase() === '.json' ? 'json' : 'yaml';

/** Reads `file` (`-`: standard input) and returns the DAG it holds, or throws a TaskFileError saying what is wrong. */
export async function readTaskFile(
  file: string,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<SubmitDagBody> {
  let text: string;
  try {
    text = file === '-' ? await readStream(stdin) : await readFile(file, 'utf8');
  } catch (err) {
    throw new TaskFileError(file, readFailure(err), { cause: err });
  }
  return parseTaskFile(text, { file, format: formatOf(file) });
}

/** The DAG in `text`, the content of `file` (named in errors). */
export function parseTaskFile(
  text: string,
  { file, format }: { file: string; format: TaskFileFormat },
): SubmitDagBody {
  const content = format === 'json' ? parseJson(text, file) : parseYaml(text, file);
  const body = Array.isArray(content) ? { tasks: content } : content;
  if (typeof body !== 'object' || body === null || !('tasks' in body)) {
    throw new TaskFileError(
      file,
      `expected a list of tasks, or an object with a "tasks" list; got ${kindOf(content)}`,
    );
  }
  const parsed = submitDagSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || 'the file'}: ${issue.message}`,
  );
  throw new TaskFileError(file, `not a valid DAG: ${problems.join('; ')}`);
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    // Node 20 reports most syntax errors at a character position; a line and column are what an editor can find.
    const position = /at position (\d+)/.exec(err.message)?.[1];
    const at = position === undefined ? '' : ` at ${lineAndColumn(text, Number(position))}`;
    throw new TaskFileError(
      file,
      `invalid JSON${at}: ${err.message.replace(/ in JSON at position \d+( \(line \d+ column \d+\))?/, '')}`,
    );
  }
}

function parseYaml(text: string, file: string): unknown {
  const document = parseDocument(text);
  const [error] = document.errors;
  if (error) {
    // The parser's message ends with the place and an excerpt of the line: the first line says it all.
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:$/, '');
    const at = error.linePos ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '';
    throw new TaskFileError(file, `invalid YAML${at}: ${message}`);
  }
  return document.toJS() as unknown;
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position).split('\n');
  return `line ${before.length}, column ${before.at(-1)!.length + 1}`;
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'an empty document';
  if (typeof value === 'object') return 'an object without "tasks"';
  return `a ${typeof value}`;
}

function readFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a file';
  if (code === 'EACCES') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}
