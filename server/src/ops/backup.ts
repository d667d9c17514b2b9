import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createReadStream, createWriteStream } from 'node:fs';
import type { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { AppConfig } from '../config/app-config';

/** What a backup folder holds, written last: a folder without it is an unfinished backup. */
export interface BackupManifest {
  createdAt: string;
  database: 'mysql' | 'sqlite';
  /** The database dump: `database.sql.gz` (MySQL) or `database.sqlite`. */
  databaseFile: string;
  /** `uploads.tar.gz`, or null when there were no uploads. */
  uploadsFile: string | null;
}

const MANIFEST = 'manifest.json';

interface MysqlTarget {
  host: string;
  port: string;
  user: string;
  password: string;
  database: string;
}

function mysqlTarget(url: string): MysqlTarget {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port || '3306',
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.replace(/^\//, ''),
  };
}

/** The client's options; the password goes through MYSQL_PWD, never the command line (ps shows it). */
function clientArgs(t: MysqlTarget): { args: string[]; env: NodeJS.ProcessEnv } {
  return {
    args: ['-h', t.host, '-P', t.port, '-u', t.user],
    env: { ...process.env, ...(t.password ? { MYSQL_PWD: t.password } : {}) },
  };
}

function firstCommand(...names: string[]): string {
  for (const name of names) if (existsSync(`/usr/bin/${name}`) || existsSync(`/usr/local/bin/${name}`)) return name;
  return names[0]!;
}

/** Runs `command`, piping `input` in and its output to `output`; rejects with its stderr. */
async function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  io: { input?: Readable; output?: [Transform, Writable] } = {},
): Promise<string> {
  const child = spawn(command, args, { env, stdio: [io.input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  if (!io.output) child.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited ${String(code)}: ${stderr}`)),
    );
  });
  await Promise.all([
    io.input && child.stdin ? pipeline(io.input, child.stdin) : Promise.resolve(),
    io.output && child.stdout ? pipeline(child.stdout, ...io.output) : Promise.resolve(),
    exited,
  ]);
  return stdout;
}

/**
 * A consistent backup of the database and the uploaded files into `outDir/campus-<time>/`, taken
 * while the platform runs: MySQL through `mariadb-dump --single-transaction` (one snapshot, no
 * locks on InnoDB tables, so exams go on), SQLite through its online backup API. Every answer the
 * API acknowledged before the backup started is in it.
 */
export async function backup(config: AppConfig, outDir: string, now = new Date()): Promise<string> {
  const dir = join(outDir, `campus-${now.toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(dir, { recursive: true });
  let databaseFile: string;
  if (config.databaseKind === 'mysql') {
    databaseFile = 'database.sql.gz';
    const t = mysqlTarget(config.databaseUrl!);
    const { args, env } = clientArgs(t);
    await run(
      firstCommand('mariadb-dump', 'mysqldump'),
      [...args, '--single-transaction', '--quick', '--hex-blob', '--routines', '--no-tablespaces', t.database],
      env,
      { output: [createGzip(), createWriteStream(join(dir, databaseFile))] },
    );
  } else {
    databaseFile = 'database.sqlite';
    const db = new Database(config.sqlitePath, { fileMustExist: true });
    try {
      await db.backup(join(dir, databaseFile));
    } finally {
      db.close();
    }
  }
  let uploadsFile: string | null = null;
  if (existsSync(config.uploadDir)) {
    uploadsFile = 'uploads.tar.gz';
    await run('tar', ['-czf', join(dir, uploadsFile), '-C', config.dataDir, 'uploads'], process.env);
  }
  const manifest: BackupManifest = {
    createdAt: now.toISOString(),
    database: config.databaseKind,
    databaseFile,
    uploadsFile,
  };
  writeFileSync(join(dir, MANIFEST), JSON.stringify(manifest, null, 2));
  return dir;
}

/**
 * Restores a backup folder into the configured database and DATA_DIR. Refuses a database that
 * already holds tables unless `force`: a restore replaces everything.
 */
export async function restore(config: AppConfig, dir: string, options: { force?: boolean } = {}): Promise<void> {
  const manifestPath = join(dir, MANIFEST);
  if (!existsSync(manifestPath)) throw new Error(`${dir} 不是完整的备份（缺少 ${MANIFEST}）`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BackupManifest;
  if (manifest.database !== config.databaseKind)
    throw new Error(`备份来自 ${manifest.database}，当前配置的是 ${config.databaseKind}`);
  if (config.databaseKind === 'mysql') {
    const t = mysqlTarget(config.databaseUrl!);
    const { args, env } = clientArgs(t);
    const client = firstCommand('mariadb', 'mysql');
    await run(client, [...args, '-e', `CREATE DATABASE IF NOT EXISTS \`${t.database}\` CHARACTER SET utf8mb4`], env);
    if (!options.force) {
      const tables = await run(client, [...args, '-N', '-e', `SHOW TABLES FROM \`${t.database}\``], env);
      if (tables.trim()) throw new Error(`数据库 ${t.database} 不是空的；确认覆盖请加 --force`);
    }
    await run(client, [...args, t.database], env, {
      input: createReadStream(join(dir, manifest.databaseFile)).pipe(createGunzip()),
    });
  } else {
    if (existsSync(config.sqlitePath) && !options.force)
      throw new Error(`${config.sqlitePath} 已存在；确认覆盖请加 --force`);
    mkdirSync(config.dataDir, { recursive: true });
    copyFileSync(join(dir, manifest.databaseFile), config.sqlitePath);
  }
  if (manifest.uploadsFile) {
    mkdirSync(config.dataDir, { recursive: true });
    await run('tar', ['-xzf', join(dir, manifest.uploadsFile), '-C', config.dataDir], process.env);
  }
}
