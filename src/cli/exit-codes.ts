// What dagctl's exit status means: scripts branch on these, so they are part of its interface (docs/cli.md).

export const ExitCode = {
  /** The request succeeded; for `submit --watch`, every task of the DAG COMPLETED. */
  OK: 0,
  /** `submit --watch` saw the DAG finish with some task FAILED or CANCELLED. */
  TASKS_UNSUCCESSFUL: 1,
  /** A wrong command line, or a task file that cannot be read or is not a valid DAG: nothing was sent. */
  USAGE: 2,
  /** The API could not be reached, or answered an error (printed as `CODE: message`). */
  API: 3,
  /** A bug in dagctl: the stack trace is printed (70 is EX_SOFTWARE of sysexits.h). */
  INTERNAL: 70,
  /** `--watch` interrupted by Ctrl-C (128 + SIGINT): the DAG itself keeps running. */
  INTERRUPTED: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
