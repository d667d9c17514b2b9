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

/** Who may still sign in with a password while single sign-on is on (README, 统一身份认证). */
export type PasswordLogin = 'all' | 'admins';

/** The school's 统一身份认证 portal(s); null members are not configured. */
export interface SsoSettings {
  /** CAS server prefix, e.g. https://cas.example.edu.cn/cas (no trailing slash). */
  casUrl: string | null;
  /** 3: validate at /p3/serviceValidate (attributes); 2: at /serviceValidate. */
  casVersion: 2 | 3;
  /** Ask the CAS server for its XML answer (every CAS server) or its JSON one (CAS 4.2+/5+). */
  casFormat: 'xml' | 'json';
  /** The CAS attribute holding the 学号/工号; null: the CAS user itself. */
  casUserAttribute: string | null;
  /** Ask the CAS server to make people enter their credentials again (renew=true) on every login. */
  casRenew: boolean;
  oidcIssuer: string | null;
  oidcClientId: string | null;
  /** Empty for a public client (PKCE only). */
  oidcClientSecret: string | null;
  /** The ID-token (or userinfo) claim holding the 学号/工号. */
  oidcClaim: string;
  oidcScope: string;
  /**
   * The addresses people open the platform at (origins). Service and redirect URLs are built from
   * this list only, never from the request's Host header, so no one can make the platform send a
   * ticket elsewhere.
   */
  publicUrls: string[];
  passwordLogin: PasswordLogin;
  /** Whom an unknown person should contact, shown on the refusal page. */
  contact: string;
}

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
  /** Read replicas (mysql:// URLs) that statistics, exports and reports read from; empty: none. */
  readonly databaseReplicaUrls: string[];
  /** A replica further behind its primary than this is not read from until it catches up. */
  readonly databaseReplicaMaxLagSeconds: number;
  readonly dbReplicaPoolSize: number;
  /**
   * Other nodes of a Galera cluster (host:port), tried in turn when the node DATABASE_URL names
   * refuses connections; the server then stays on the node that answers.
   */
  readonly databaseFailoverHosts: Array<{ host: string; port: number }>;
  /** How long a request may wait for a pooled MySQL connection before it answers 503 + Retry-After. */
  readonly dbAcquireTimeoutMs: number;
  /** Requests in flight per instance; past it (and past each lane's share) requests get 503 at once. */
  readonly admissionMaxInFlight: number;
  /**
   * Server-sent event streams open per instance (projectors, phones in a 课堂快问, the exam
   * monitor). A whole school at one bell is 10,000 phones; the process needs as many file
   * descriptors more (docker/compose.yaml raises nofile).
   */
  readonly maxEventStreams: number;
  /** Behind a load balancer or the web container: take the client address from X-Forwarded-For. */
  readonly trustProxy: boolean;
  /** Bearer token a Prometheus scraper presents for GET /metrics (loopback callers need none). */
  readonly metricsToken: string | null;
  /**
   * Serve the OpenAPI pages (/api/docs, /api/docs-json). They list every route and field, so a
   * production server keeps them off unless the operator asks for them.
   */
  readonly apiDocs: boolean;
  /** How often the live exam monitor refreshes its figures (one query per exam per interval per instance). */
  readonly examMonitorRefreshMs: number;
  /** The platform's address as people open it (https://fzxx.example.edu.cn): links in robot messages. */
  readonly publicUrl: string | null;
  /**
   * Hosts (host or host:port) a robot webhook may point to besides the platforms' own, e.g. an
   * intranet relay that forwards to the internet; these may use http.
   */
  readonly notifyRelayHosts: string[];
  /** How long a robot's webhook may take to answer before the attempt counts as failed. */
  readonly notifyTimeoutMs: number;
  /** Whether this instance sends the outbox (every instance may; rows are claimed one by one). */
  readonly notifyWorker: boolean;
  readonly notifyPollMs: number;
  /**
   * 个人信息保护法: personal data of people gone (graduated or disabled) this many years is replaced
   * by placeholders by a nightly job (RetentionService).
   */
  readonly retentionYears: number;
  /** Uploaded files no row refers to are removed once this many hours old (UploadSweeper). */
  readonly uploadGraceHours: number;
  readonly sso: SsoSettings;

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
    // 40, not 20: on exam day with 20 the requests queued for a connection while MariaDB and the
    // cores had time to spare (10,000 freshmen: save p99 307 → 54 ms, start p99 559 → 44 ms; a
    // 课堂快问 in 200 classes beside an exam: the exam's save p99 mostly within 150 ms; README).
    this.dbPoolSize = intVar(env, 'DB_POOL_SIZE', 40, 1, 500);
    this.databaseReplicaUrls = listVar(env, 'DATABASE_REPLICA_URLS');
    for (const url of this.databaseReplicaUrls) {
      if (!/^mysql:\/\//.test(url))
        throw new ConfigError('DATABASE_REPLICA_URLS 中每一项都必须形如 mysql://user:pass@host:3306/db');
    }
    if (this.databaseReplicaUrls.length > 0 && !this.databaseUrl) {
      throw new ConfigError('设置 DATABASE_REPLICA_URLS 时必须同时设置 DATABASE_URL（主库）');
    }
    this.databaseReplicaMaxLagSeconds = intVar(env, 'DATABASE_REPLICA_MAX_LAG_S', 30, 0, 86_400);
    this.dbReplicaPoolSize = intVar(env, 'DB_REPLICA_POOL_SIZE', 5, 1, 500);
    this.databaseFailoverHosts = listVar(env, 'DATABASE_FAILOVER_HOSTS').map((item) => {
      const match = /^([A-Za-z0-9_.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(item);
      const port = Number(match?.[2]);
      if (!match || port < 1 || port > 65535) {
        throw new ConfigError(`DATABASE_FAILOVER_HOSTS 中的「${item}」必须形如 host:3306`);
      }
      return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
    });
    if (this.databaseFailoverHosts.length > 0 && !this.databaseUrl) {
      throw new ConfigError('设置 DATABASE_FAILOVER_HOSTS 时必须同时设置 DATABASE_URL');
    }
    this.dbAcquireTimeoutMs = intVar(env, 'DB_ACQUIRE_TIMEOUT_MS', 2000, 50, 60_000);
    this.admissionMaxInFlight = intVar(env, 'MAX_IN_FLIGHT', 256, 1, 100_000);
    this.maxEventStreams = intVar(env, 'MAX_EVENT_STREAMS', 12_000, 10, 1_000_000);
    this.trustProxy = boolVar(env, 'TRUST_PROXY', false);
    this.metricsToken = nonEmpty(env.METRICS_TOKEN);
    this.apiDocs = boolVar(env, 'API_DOCS', nonEmpty(env.NODE_ENV) !== 'production');
    this.examMonitorRefreshMs = intVar(env, 'EXAM_MONITOR_REFRESH_MS', 5000, 200, 600_000);
    this.publicUrl = publicUrlVar(env);
    this.notifyRelayHosts = (nonEmpty(env.NOTIFY_RELAY_HOSTS) ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter((h) => h.length > 0);
    for (const host of this.notifyRelayHosts) {
      if (!/^[a-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9a-f:]+\](:\d{1,5})?$/.test(host)) {
        throw new ConfigError(`环境变量 NOTIFY_RELAY_HOSTS 中的「${host}」不是主机名或 主机名:端口`);
      }
    }
    this.notifyTimeoutMs = intVar(env, 'NOTIFY_TIMEOUT_MS', 10_000, 100, 120_000);
    this.notifyWorker = boolVar(env, 'NOTIFY_WORKER', true);
    this.notifyPollMs = intVar(env, 'NOTIFY_POLL_MS', 5000, 100, 3_600_000);
    this.retentionYears = intVar(env, 'RETENTION_YEARS', 3, 1, 30);
    this.uploadGraceHours = intVar(env, 'UPLOAD_GRACE_HOURS', 24, 1, 24 * 365);
    this.sso = ssoSettings(env);
  }

  get ssoEnabled(): boolean {
    return this.sso.casUrl !== null || this.sso.oidcIssuer !== null;
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

/** A comma-separated list; blanks between commas are ignored. */
function listVar(env: NodeJS.ProcessEnv, name: string): string[] {
  return (nonEmpty(env[name]) ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function boolVar(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = nonEmpty(env[name])?.toLowerCase();
  if (raw === undefined) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`环境变量 ${name} 只能是 true 或 false，当前为「${raw}」`);
}

function publicUrlVar(env: NodeJS.ProcessEnv): string | null {
  const raw = nonEmpty(env.PUBLIC_URL);
  if (raw === null) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`环境变量 PUBLIC_URL 必须是 http(s):// 开头的网址，当前为「${raw}」`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`环境变量 PUBLIC_URL 必须是 http(s):// 开头的网址，当前为「${raw}」`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function ssoSettings(env: NodeJS.ProcessEnv): SsoSettings {
  const casUrl = urlVar(env, 'SSO_CAS_URL');
  const oidcIssuer = urlVar(env, 'SSO_OIDC_ISSUER');
  const oidcClientId = nonEmpty(env.SSO_OIDC_CLIENT_ID);
  if (oidcIssuer && !oidcClientId) throw new ConfigError('设置了 SSO_OIDC_ISSUER 时必须同时设置 SSO_OIDC_CLIENT_ID');
  const publicUrls = (nonEmpty(env.SSO_PUBLIC_URL) ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean)
    .map((raw) => {
      const url = parseHttpUrl(raw);
      if (!url || url.pathname !== '/' || url.search || url.hash) {
        throw new ConfigError(
          `SSO_PUBLIC_URL 中的「${raw}」必须形如 https://fzxx.example.edu.cn（只写协议、域名和端口）`,
        );
      }
      return url.origin;
    });
  if ((casUrl || oidcIssuer) && publicUrls.length === 0) {
    throw new ConfigError('启用统一身份认证时必须设置 SSO_PUBLIC_URL（师生访问本平台的地址）');
  }
  const version = nonEmpty(env.SSO_CAS_VERSION) ?? '3';
  if (version !== '2' && version !== '3')
    throw new ConfigError(`环境变量 SSO_CAS_VERSION 只能是 2 或 3，当前为「${version}」`);
  const format = nonEmpty(env.SSO_CAS_FORMAT)?.toLowerCase() ?? 'xml';
  if (format !== 'xml' && format !== 'json')
    throw new ConfigError(`环境变量 SSO_CAS_FORMAT 只能是 xml 或 json，当前为「${format}」`);
  const passwordLogin = nonEmpty(env.SSO_PASSWORD_LOGIN)?.toLowerCase() ?? 'all';
  if (passwordLogin !== 'all' && passwordLogin !== 'admins') {
    throw new ConfigError(`环境变量 SSO_PASSWORD_LOGIN 只能是 all 或 admins，当前为「${passwordLogin}」`);
  }
  if (passwordLogin === 'admins' && !casUrl && !oidcIssuer) {
    throw new ConfigError('SSO_PASSWORD_LOGIN=admins 需要同时设置 SSO_CAS_URL 或 SSO_OIDC_ISSUER，否则师生无法登录');
  }
  return {
    casUrl: casUrl?.replace(/\/+$/, '') ?? null,
    casVersion: version === '2' ? 2 : 3,
    casFormat: format,
    casUserAttribute: nonEmpty(env.SSO_CAS_USER_ATTRIBUTE),
    casRenew: boolVar(env, 'SSO_CAS_RENEW', false),
    oidcIssuer,
    oidcClientId,
    oidcClientSecret: nonEmpty(env.SSO_OIDC_CLIENT_SECRET),
    oidcClaim: nonEmpty(env.SSO_OIDC_CLAIM) ?? 'preferred_username',
    oidcScope: nonEmpty(env.SSO_OIDC_SCOPE) ?? 'openid profile',
    publicUrls,
    passwordLogin,
    contact: nonEmpty(env.SSO_CONTACT) ?? '所在学院的学院管理员（花名册由学院导入）或学校信息化中心',
  };
}

function parseHttpUrl(raw: string): URL | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

function urlVar(env: NodeJS.ProcessEnv, name: string): string | null {
  const raw = nonEmpty(env[name]);
  if (raw === null) return null;
  const url = parseHttpUrl(raw);
  if (!url || url.search || url.hash) throw new ConfigError(`环境变量 ${name} 必须是 http(s) 地址，当前为「${raw}」`);
  return raw;
}

function defaultWebDist(): string | null {
  const candidate = resolve(__dirname, '../../../web/dist');
  return existsSync(join(candidate, 'index.html')) ? candidate : null;
}
