// The command line of dagctl, declared once with commander: global options, then one subcommand per endpoint it
// drives. Commander reads DAGCTL_API and API_TOKEN itself (`Option.env`), so the help shows where a value came from.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { projectRoot } from '../project-root.js';
import { TASK_STATUSES, type TaskStatus } from '../shared/task-status.js';
import { ApiClient } from './api-client.js';
import type { CliContext } from './cli-context.js';
import { cancel } from './commands/cancel.js';
import { list } from './commands/list.js';
import { stats } from './commands/stats.js';
import { status } from './commands/status.js';
import { submit } from './commands/submit.js';
import type { ExitCode } from './exit-codes.js';

/** Where the API listens by default: `npm start` on this machine (PORT's default, 3000). */
export const DEFAULT_API_URL = 'http://localhost:3000';
/** Milliseconds between two progress reads of `submit --watch`: each read is 7 visibility counts. */
const DEFAULT_WATCH_INTERVAL_MS = 500;

export type CliStreams = Pick<CliContext, 'stdin' | 'stdout' | 'stderr'>;

interface GlobalOptions {
  api: string;
  token?: string;
  json?: true;
}

/** Builds the program; each command's action reports its exit code through `setExitCode`. */
export function createProgram(streams: CliStreams, setExitCode: (code: ExitCode) => void): Command {
  const program = new Command('dagctl')
    .description('Submit, follow and cancel the tasks of the DAG task scheduler, through its REST API.')
    .version(packageVersion())
    .addOption(
      new Option('--api <url>', 'base URL of the API')
        .env('DAGCTL_API')
        .default(DEFAULT_API_URL)
        .argParser(apiUrl),
    )
    .addOption(new Option('--token <token>', 'sent as Authorization: Bearer <token>').env('API_TOKEN'))
    .option('--json', "print the API's answers as JSON instead of text")
    // Set before the subcommands are added, which inherit them.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => streams.stdout.write(text),
      writeErr: (text) => streams.stderr.write(text),
      outputError: (text, write) => write(`dagctl: ${text.replace(/^error: /, '')}`),
    })
    .showHelpAfterError('(add --help for usage)');

  const context = (): CliContext => {
    const { api, token, json } = program.opts<GlobalOptions>();
    return { ...streams, api: new ApiClient({ baseUrl: api, token }), json: json === true };
  };
  const run = (command: Promise<ExitCode>) => command.then(setExitCode);

  program
    .command('submit')
    .description(
      'submit every task of a JSON or YAML file as one DAG (POST /api/dags); - reads standard input',
    )
    .argument('<file>', 'a list of tasks, or {dag_id, tasks: [...]}')
    .option('-w, --watch', 'show progress until every task has settled; exit 0 only if all COMPLETED')
    .option(
      '--dag-id <id>',
      "names the DAG (over the file's dag_id); unset: the API names it after its content",
    )
    .option(
      '--interval <ms>',
      'milliseconds between two progress reads',
      integer(100),
      DEFAULT_WATCH_INTERVAL_MS,
    )
    .action((file: string, opts: { watch?: true; dagId?: string; interval: number }) =>
      run(
        submit(context(), file, { watch: opts.watch === true, dagId: opts.dagId, intervalMs: opts.interval }),
      ),
    );

  program
    .command('status')
    .description('one task, with the dependencies it still waits on (GET /api/tasks/:id)')
    .argument('<id>', 'task id')
    .action((id: string) => run(status(context(), id)));

  program
    .command('list')
    .description('tasks, newest first, a page at a time (GET /api/tasks)')
    .addOption(new Option('--status <status>', 'only tasks in this status').choices(TASK_STATUSES))
    .option('--type <type>', 'only tasks of this type')
    .option('--limit <n>', 'tasks per page, 1-1000 (API default: 100)', integer(1))
    .option('--cursor <cursor>', 'the next page of a previous list, with the same filters')
    .option('--all', 'follow every next page')
    .action((opts: { status?: TaskStatus; type?: string; limit?: number; cursor?: string; all?: true }) =>
      run(list(context(), { ...opts, all: opts.all === true })),
    );

  program
    .command('stats')
    .description('the number of tasks, in total and by status (GET /api/stats)')
    .action(() => run(stats(context())));

  program
    .command('cancel')
    .description('cancel a task that has not settled (POST /api/tasks/:id/cancel)')
    .argument('<id>', 'task id')
    .option(
      '--cascade',
      'cancel its dependents, and theirs, too (else they fail with DEPENDENCY_CANCELLED)',
      false,
    )
    .action((id: string, opts: { cascade: boolean }) => run(cancel(context(), id, opts)));

  return program;
}

/** An option's whole number, at least `min`. */
function integer(min: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < min)
      throw new InvalidArgumentError(`must be a whole number ≥ ${min}`);
    return Number(value);
  };
}

/** `--api`: an http(s) URL, possibly with a path prefix, to which dagctl appends `/api/...`. */
function apiUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash) {
    throw new InvalidArgumentError(
      'must be an http or https URL without query, such as http://localhost:3000',
    );
  }
  return value;
}

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}
