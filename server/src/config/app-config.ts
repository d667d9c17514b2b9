import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The first sysadmin's password when ADMIN_PASSWORD is not set: for the embedded demo only (README),
 * and it meets the password rule like any other.
 */
export const DEFAULT_ADMIN_PASSWORD = 'Xitong-Guanli-26';

export type DatabaseKind = 'mysql' | 'sqlite';

/** A variable that is set but unusable stops the boot with a message naming it. */
export class ConfigError extends Error {}

/**
 * The server's whole configuration, read once from the environment at boot. Nothing else reads
 * process.env, so every knob is listed here and documented in the README.
 */
export class AppConfig {
  readonly port: number;
  readonly databaseUrl: string | null;
  readonly databaseKind: DatabaseKind;
  readonly dataDir: string;
  readonly adminUsername: string;
  readonly adminPassword: string;
  readonly demoData: boolean;
  readonly seedContent: boolean;
  /** Signs session tokens; generated once and kept in DATA_DIR (or the database) when not given. */
  readonly authSecret: string | null;
  readonly tokenTtlSeconds: number;
  readonly redisUrl: string | null;
  /** Prefix of every Redis key (and the pub/sub channel), so deployments can share one Redis. */
  readonly redisPrefix: string;
  readonly webDistDir: string | null;
  readonly logLevel: string;
  /** Slow password checks allowed at once; the rest queue, and past the queue login answers 503. */
  readonly hashConcurrency: number;
  readonly hashQueueLimit: number;
  /** A password changed while slow hashes queue is kept keyed for minutes and upgraded later. */
  readonly passwordHashDefer: boolean;
  readonly dbPoolSize: number;
  /** How long a request may wait for a pooled MySQL connection before it answers 503 + Retry-After. */
  readonly dbAcquireTimeoutMs: number;
  /** Requests in flight per instance; past it (and past each lane's share) requests get 503 at once. */
  readonly admissionMaxInFlight: number;
  /** Behind a load balancer or the web container: take the client address from X-Forwarded-For. */
  readonly trustProxy: boolean;
  /** Bearer token a Prometheus scraper presents for GET /metrics (loopback callers need none). */
  readonly metricsToken: string | null;
  /**
   * Serve the OpenAPI pages (/api/docs, /api/docs-json). They list every route and field, so a
   * production server keeps them off unless the operator asks for them.
   */
  readonly apiDocs: boolean;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.port = intVar(env, 'PORT', 3000, 0, 65535);
    this.databaseUrl = nonEmpty(env.DATABASE_URL);
    if (this.databaseUrl && !/^mysql:\/\//.test(this.databaseUrl)) {
      throw new ConfigError('DATABASE_URL 必须形如 mysql://user:pass@host:3306/db');
    }
    this.databaseKind = this.databaseUrl ? 'mysql' : 'sqlite';
    this.dataDir = resolve(nonEmpty(env.DATA_DIR) ?? './data');
    this.adminUsername = nonEmpty(env.ADMIN_USERNAME) ?? 'admin';
    this.adminPassword = nonEmpty(env.ADMIN_PASSWORD) ?? DEFAULT_ADMIN_PASSWORD;
    this.demoData = boolVar(env, 'DEMO_DATA', this.databaseKind === 'sqlite');
    this.seedContent = boolVar(env, 'SEED_CONTENT', true);
    this.authSecret = nonEmpty(env.AUTH_SECRET);
    if (this.authSecret && this.authSecret.length < 32) throw new ConfigError('AUTH_SECRET 至少 32 个字符');
    this.tokenTtlSeconds = intVar(env, 'TOKEN_TTL_HOURS', 12, 1, 24 * 30) * 3600;
    this.redisUrl = nonEmpty(env.REDIS_URL);
    this.redisPrefix = nonEmpty(env.REDIS_PREFIX) ?? 'campus:';
    this.webDistDir = nonEmpty(env.WEB_DIST) ?? defaultWebDist();
    this.logLevel = nonEmpty(env.LOG_LEVEL) ?? 'info';
    // One core fewer than the machine has: the event loop and the database always keep one.
    this.hashConcurrency = intVar(env, 'HASH_CONCURRENCY', Math.max(1, availableParallelism() - 1), 1, 64);
    this.passwordHashDefer = boolVar(env, 'PASSWORD_HASH_DEFER', true);
    this.hashQueueLimit = intVar(env, 'HASH_QUEUE_LIMIT', 64, 0, 100000);
    this.dbPoolSize = intVar(env, 'DB_POOL_SIZE', 20, 1, 500);
    this.dbAcquireTimeoutMs = intVar(env, 'DB_ACQUIRE_TIMEOUT_MS', 2000, 50, 60_000);
    this.admissionMaxInFlight = intVar(env, 'MAX_IN_FLIGHT', 256, 1, 100_000);
    this.trustProxy = boolVar(env, 'TRUST_PROXY', false);
    this.metricsToken = nonEmpty(env.METRICS_TOKEN);
    this.apiDocs = boolVar(env, 'API_DOCS', nonEmpty(env.NODE_ENV) !== 'production');
  }

  get sqlitePath(): string {
    return join(this.dataDir, 'campus.sqlite');
  }

  get uploadDir(): string {
    return join(this.dataDir, 'uploads');
  }

  /** For SQLite deployments the secret lives beside the database; MySQL keeps it in a table. */
  readOrCreateFileSecret(): string {
    mkdirSync(this.dataDir, { recursive: true });
    const file = join(this.dataDir, 'auth-secret');
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    const secret = randomBytes(32).toString('base64url');
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed || null;
}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`环境变量 ${name} 必须是 ${min}–${max} 之间的整数，当前为「${raw}」`);
  }
  return value;
}

function boolVar(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = nonEmpty(env[name])?.toLowerCase();
  if (raw === undefined) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`环境变量 ${name} 只能是 true 或 false，当前为「${raw}」`);
}

function defaultWebDist(): string | null {
  const candidate = resolve(__dirname, '../../../web/dist');
  return existsSync(join(candidate, 'index.html')) ? candidate : null;
}
