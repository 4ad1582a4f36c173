import { chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PostgresBinaries } from './postgres-binaries.js';
import { isAlive, processTree } from './process-tree.js';
import { runCommand } from './run-command.js';

/** Unix socket paths are limited to 107 bytes; `/.s.PGSQL.NNNNN` takes 15 of them. */
const MAX_SOCKET_DIR_LENGTH = 90;

export interface PostgresOptions {
  binaries: PostgresBinaries;
  /** PostgreSQL's own data directory (created by initdb on first start). */
  dataDir: string;
  /** TCP port on 127.0.0.1. */
  port: number;
  /** Server log (appended). */
  logFile: string;
  log: (message: string) => void;
}

/**
 * A PostgreSQL server of our own: its own data directory and port, listening on 127.0.0.1 only, never the
 * system's default cluster. PostgreSQL refuses to run as root, so as root every program runs as the `postgres` OS
 * user, which owns the data directory. Local (socket) connections are trusted: the socket lives in that 0700
 * directory, so only its owner and root reach it; TCP needs a password (scram-sha-256).
 */
export class Postgres {
  readonly port: number;
  private readonly socketDir: string;
  private readonly osUser: { name: string; uid: number; gid: number } | undefined;
  private expectedDown = true;

  constructor(private readonly options: PostgresOptions) {
    this.port = options.port;
    this.socketDir =
      options.dataDir.length <= MAX_SOCKET_DIR_LENGTH
        ? options.dataDir
        : `/tmp/dag-scheduler-pg-${options.port}`;
    this.osUser = process.getuid?.() === 0 ? postgresOsUser() : undefined;
  }

  /** Runs initdb on an empty data directory; a no-op when it holds a database already. */
  async initialize(): Promise<boolean> {
    const { dataDir, binaries } = this.options;
    if (existsSync(join(dataDir, 'PG_VERSION'))) return false;
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.giveToOsUser(dataDir);
    await this.checkReachable(dirname(dataDir));
    this.options.log(`creating a PostgreSQL ${binaries.version} database in ${dataDir}`);
    await this.run(binaries.initdb, [
      '--pgdata',
      dataDir,
      '--username',
      'postgres',
      '--encoding',
      'UTF8',
      '--locale',
      'C',
      '--auth-local',
      'trust',
      '--auth-host',
      'scram-sha-256',
    ]);
    return true;
  }

  /** Starts the server and waits until it accepts connections. Stops a leftover server of an earlier run first. */
  async start(): Promise<void> {
    const { binaries, dataDir, logFile, port } = this.options;
    if (this.postmasterPid() !== undefined) {
      this.options.log(`a PostgreSQL of an earlier run still runs on ${dataDir}; stopping it`);
      await this.stop();
    }
    if (this.socketDir !== dataDir) {
      mkdirSync(this.socketDir, { recursive: true, mode: 0o700 });
      this.giveToOsUser(this.socketDir);
    }
    // pg_ctl (running as the OS user) opens the log itself: create it writable for that user.
    mkdirSync(dirname(logFile), { recursive: true });
    closeSync(openSync(logFile, 'a'));
    this.giveToOsUser(logFile);
    const settings = [
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories='${this.socketDir}'`,
      // One Temporal process opens a pool per service: 4 x 20 (main store) + 4 x 10 (visibility) at most, above
      // PostgreSQL's default of 100.
      '-c max_connections=200',
    ].join(' ');
    await this.run(binaries.pg_ctl, [
      '--pgdata',
      dataDir,
      '--log',
      logFile,
      '--options',
      settings,
      '--wait',
      '--timeout',
      '120',
      'start',
    ]);
    this.expectedDown = false;
  }

  /** Fast shutdown: open transactions are rolled back, clients disconnected, the data stays consistent. */
  async stop(): Promise<void> {
    this.expectedDown = true;
    if (this.postmasterPid() === undefined) return;
    await this.run(this.options.binaries.pg_ctl, [
      '--pgdata',
      this.options.dataDir,
      '--mode',
      'fast',
      '--wait',
      '--timeout',
      '120',
      'stop',
    ]);
  }

  /** A fast stop then a start on the same data (what an operator's restart does to connected clients). */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** The postmaster's pid while it runs (from postmaster.pid, checked to be alive). */
  postmasterPid(): number | undefined {
    try {
      const pid = Number(readFileSync(join(this.options.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  /** The postmaster and all its backends and helper processes. */
  pids(): number[] {
    const pid = this.postmasterPid();
    return pid === undefined ? [] : processTree(pid);
  }

  /** Calls `onExit` once if the server goes away while it should be running. Returns a function that stops watching. */
  watch(onExit: () => void, intervalMs = 1_000): () => void {
    const timer = setInterval(() => {
      if (this.expectedDown || this.postmasterPid() !== undefined) return;
      clearInterval(timer);
      onExit();
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Runs SQL as the superuser over the local socket; returns unaligned, tuples-only output. */
  async sql(statement: string, database = 'postgres'): Promise<string> {
    const { stdout } = await this.run(this.options.binaries.psql, [
      '-X',
      '-q',
      '-A',
      '-t',
      '-v',
      'ON_ERROR_STOP=1',
      '-h',
      this.socketDir,
      '-p',
      String(this.port),
      '-U',
      'postgres',
      '-d',
      database,
      '-c',
      statement,
    ]);
    return stdout.trim();
  }

  /** Creates a login role allowed to create databases, or resets its password. */
  async ensureRole(name: string, password: string): Promise<void> {
    if (!/^[a-z_][a-z0-9_]*$/.test(name))
      throw new Error(`unsafe PostgreSQL role name ${JSON.stringify(name)}`);
    const literal = `'${password.replaceAll("'", "''")}'`;
    await this.sql(
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${name}') THEN
           CREATE ROLE ${name} LOGIN CREATEDB PASSWORD ${literal};
         ELSE
           ALTER ROLE ${name} LOGIN CREATEDB PASSWORD ${literal};
         END IF;
       END $$;`,
    );
  }

  /** Whether a database of this name exists. */
  async hasDatabase(name: string): Promise<boolean> {
    return (
      (await this.sql(`SELECT 1 FROM pg_database WHERE datname = '${name.replaceAll("'", "''")}'`)) === '1'
    );
  }

  private run(program: string, args: string[]) {
    return this.osUser
      ? runCommand('runuser', ['-u', this.osUser.name, '--', program, ...args], { cwd: '/' })
      : runCommand(program, args);
  }

  private giveToOsUser(path: string): void {
    if (this.osUser) chownSync(path, this.osUser.uid, this.osUser.gid);
  }

  /** initdb and the server need to reach the data directory; a clone under /root, say, is not reachable. */
  private async checkReachable(dir: string): Promise<void> {
    if (!this.osUser) return;
    const { code } = await runCommand('runuser', ['-u', this.osUser.name, '--', 'test', '-x', dir], {
      allowFailure: true,
    });
    if (code !== 0) {
      throw new Error(
        `the ${this.osUser.name} OS user cannot reach ${dir} (PostgreSQL refuses to run as root, so it runs as ` +
          `${this.osUser.name}); give every parent folder o+x or set CLUSTER_DATA_DIR to a folder it can reach`,
      );
    }
  }
}

/** uid and gid of the `postgres` OS user (created by the Debian package) from /etc/passwd. */
function postgresOsUser(): { name: string; uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  const fields = line?.split(':');
  if (!fields || fields.length < 4) {
    throw new Error(
      'running as root but there is no `postgres` OS user to run PostgreSQL as (apt-get install postgresql)',
    );
  }
  return { name: 'postgres', uid: Number(fields[2]), gid: Number(fields[3]) };
}
