import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';

/**
 * Throwaway MariaDB servers for the replica and Galera tests: the machine's own binaries, each with
 * its own data directory, port and socket under one temporary folder, so the shared server on 3306
 * is never touched. scripts/sandbox-test.sh creates the folder (SANDBOX_DIR) and, whatever happens,
 * kills every process whose pid file lies in it and removes it.
 */
export function sandboxDir(): string {
  const dir = process.env.SANDBOX_DIR ?? mkdtempSync(join(tmpdir(), 'campus-sandbox-'));
  chmodSync(dir, 0o755);
  const mysql = systemUser('mysql');
  // mariadbd drops to the mysql user (Galera's rsync state transfer runs as it and writes here).
  if (mysql && isRoot()) chownSync(dir, mysql.uid, mysql.gid);
  return dir;
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function systemUser(name: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', name]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', name]).toString().trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

export interface SandboxServer {
  name: string;
  port: number;
  datadir: string;
  /** mysql:// URL of a database on this server (root, no password, loopback only). */
  url(database: string): string;
  connect(): Promise<Connection>;
  /** Runs statements as root and returns the rows of the last one. */
  sql(statements: string): Promise<Array<Record<string, unknown>>>;
  start(extraArgs?: string[]): Promise<void>;
  /** Clean shutdown (SIGTERM), waiting until the process has gone. */
  stop(): Promise<void>;
  /** kill -9: a node dying with the machine. */
  kill(): Promise<void>;
  running(): boolean;
}

export function mariadb(dir: string, name: string, port: number, args: string[]): SandboxServer {
  const datadir = join(dir, name);
  const socket = join(dir, `${name}.sock`);
  const user = isRoot() ? ['--user=mysql'] : [];
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let installed = false;

  const server: SandboxServer = {
    name,
    port,
    datadir,
    url: (database) => `mysql://root@127.0.0.1:${port}/${database}`,
    connect: () => createConnection({ host: '127.0.0.1', port, user: 'root', multipleStatements: true }),
    async sql(statements) {
      const connection = await server.connect();
      try {
        const [result] = await connection.query(statements);
        const results = Array.isArray(result) ? result : [];
        const last = Array.isArray(results[results.length - 1]) ? results[results.length - 1] : results;
        return last as Array<Record<string, unknown>>;
      } finally {
        await connection.end();
      }
    },
    async start(extraArgs = []) {
      if (!installed) {
        execFileSync('mariadb-install-db', [
          '--no-defaults',
          `--datadir=${datadir}`,
          ...user,
          '--auth-root-authentication-method=normal',
          '--skip-test-db',
        ]);
        installed = true;
      }
      const started = spawn(
        '/usr/sbin/mariadbd',
        [
          '--no-defaults',
          ...user,
          `--datadir=${datadir}`,
          `--port=${port}`,
          `--socket=${socket}`,
          `--pid-file=${join(dir, `${name}.pid`)}`,
          `--log-error=${join(dir, `${name}.err`)}`,
          '--bind-address=127.0.0.1',
          '--skip-name-resolve',
          '--innodb-buffer-pool-size=64M',
          '--innodb-log-file-size=16M',
          '--character-set-server=utf8mb4',
          '--collation-server=utf8mb4_unicode_ci',
          ...args,
          ...extraArgs,
        ],
        { stdio: 'ignore' },
      );
      child = started;
      // Known to the clean-up script before mariadbd writes its own pid file.
      writeFileSync(join(dir, `${name}.spawn.pid`), String(started.pid));
      exited = new Promise((resolve) => started.once('exit', () => resolve()));
      const deadline = Date.now() + 90_000;
      for (;;) {
        if (started.exitCode !== null) throw new Error(`${name} exited with ${started.exitCode}; see ${name}.err`);
        try {
          await (await server.connect()).end();
          return;
        } catch {
          if (Date.now() > deadline) throw new Error(`${name} did not answer on ${port} within 90 s`);
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    },
    async stop() {
      if (child && child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child && child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    running: () => child !== null && child.exitCode === null,
  };
  return server;
}

/** Waits until `check` holds, polling; fails with `what` after `timeoutMs`. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    try {
      if (await check()) return Date.now() - started;
    } catch {
      // not yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
