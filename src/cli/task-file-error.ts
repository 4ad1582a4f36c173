/** Thrown when a task file cannot be read, does not parse, or is not a valid DAG; nothing has been sent. */
export class TaskFileError extends Error {
  constructor(
    /** The file as the user named it (`-` for standard input). */
    readonly file: string,
    /** What is wrong, e.g. `invalid YAML at line 3, column 5: ...`. */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`${file === '-' ? 'standard input' : file}: ${reason}`, options);
    this.name = 'TaskFileError';
  }
}
