import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Thrown when a command exits non-zero; the message carries its output, which names the actual problem. */
export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: CommandResult,
  ) {
    const output = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-20).join('\n');
    super(`${command} exited with ${result.code}${output ? `:\n${output}` : ''}`);
    this.name = 'CommandError';
  }
}

export interface RunOptions {
  /** The whole environment of the program. @defaultValue this process's environment */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Resolve with the result instead of throwing on a non-zero exit. @defaultValue false */
  allowFailure?: boolean;
  /** Called with each chunk of output as it arrives (long builds). */
  onOutput?: (chunk: string) => void;
}

/** Runs a program to completion, collecting its output (no shell, so arguments need no quoting). */
export function runCommand(command: string, args: readonly string[], options: RunOptions = {}) {
  return new Promise<CommandResult>((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      options.onOutput?.(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      options.onOutput?.(chunk);
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const result = { code: code ?? (signal ? 128 : 1), stdout, stderr };
      if (result.code !== 0 && !options.allowFailure) {
        reject(new CommandError([command, ...args].join(' '), result));
      } else {
        resolve(result);
      }
    });
  });
}
