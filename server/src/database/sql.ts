import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig, ConfigError, type DatabaseKind } from '../config/app-config';
import { countStatement } from '../common/logging/request-context';
import { createHotPool, executeOne, hotSender, type ExecutingPool, type HotPool } from './hot-pool';
import { guardPool, type GuardedPool } from './pool-guard';
import { keepBackslashEscapes, type AnnouncingPool } from './session-settings';
import { readingFromReplica } from './read-replicas';
import { MAX_BATCH, StatementBatch } from './statement-batch';

/** Tries of one hot statement before its error reaches the caller (≈ 0.4 s of waiting in all). */
const HOT_ATTEMPTS = 5;

/** Connection failures after which a new connection (perhaps to another node) may well succeed. */
const CONNECTION_LOST = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
]);

/** Why a failed hot statement is worth another try, or null when it is not. */
export function retryReason(error: unknown): 'conflict' | 'connection' | null {
  const e = error as { code?: unknown; errno?: unknown; message?: unknown } | null | undefined;
  // 1213: a deadlock, or on Galera a certification conflict with a write made through another node.
  if (e?.code === 'ER_LOCK_DEADLOCK' || e?.errno === 1213) return 'conflict';
  // 1047: a Galera node that has left the cluster's primary component refuses statements.
  if (e?.errno === 1047) return 'connection';
  if (typeof e?.code === 'string' && CONNECTION_LOST.has(e.code)) return 'connection';
  if (typeof e?.message === 'string' && /closed state/.test(e.message)) return 'connection';
  return null;
}

/**
 * The few places that go below the ORM (bulk import, hot exam paths) use this: it knows the dialect,
 * so the SQL differences stay in one file.
 */
@Injectable()
export class Sql implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly kind: DatabaseKind;
  /** Hot statements tried again since start, by reason ('conflict', 'connection'): alone, or after their batch failed. */
  readonly retries = new Map<string, number>();
  /** SQLite has one connection: its transactions must take turns (see transaction()). */
  private sqliteTurn: Promise<unknown> = Promise.resolve();
  /** Hot statements sent and the round trips they took (metrics); both stay 0 until the batch starts. */
  get hotStatements(): { statements: number; roundTrips: number } {
    return this.hot?.batch.sent ?? { statements: 0, roundTrips: 0 };
  }
  /** MySQL: the hot statements' own pool and the batch that groups them (see StatementBatch). */
  private hot?: { pool: HotPool; batch: StatementBatch };

  constructor(
    @InjectDataSource() readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    this.kind = dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
  }

  /**
   * Opens the whole MySQL pool at start-up: otherwise the first burst of students (everyone pressing
   * 开始考试 at 9:00) pays for the connection handshakes, which showed as the start p99 in
   * pnpm bench:exam.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (this.kind !== 'mysql') return;
    await this.assertBackslashEscapes();
    const pool = (this.dataSource.driver as unknown as { pool?: GuardedPool & AnnouncingPool }).pool;
    if (pool) {
      keepBackslashEscapes(pool);
      guardPool(pool, this.config.dbAcquireTimeoutMs);
    }
    const size = (this.dataSource.options as { poolSize?: number }).poolSize ?? 10;
    // A quarter of the pool's size: batched, the hot statements need few connections (one carries up to
    // MAX_BATCH statements), and each instance's total stays within MySQL's max_connections.
    const hotSize = Math.max(2, Math.ceil(size / 4));
    const hotPool = createHotPool(this.dataSource, hotSize, this.config.dbAcquireTimeoutMs);
    const batch = new StatementBatch(hotSender(hotPool), MAX_BATCH, (error, statements) => {
      const reason = retryReason(error);
      if (reason) this.retries.set(reason, (this.retries.get(reason) ?? 0) + statements);
    });
    this.hot = { pool: hotPool, batch };
    await Promise.all([
      ...Array.from({ length: size }, () => this.dataSource.query('SELECT 1')),
      ...Array.from({ length: hotSize }, () => new Promise((resolve) => hotPool.execute('SELECT 1', [], resolve))),
    ]).catch(() => undefined);
  }

  /**
   * mysql2 binds the values of a text query itself, escaping a quote with a backslash (TypeORM's
   * queries, the hot batches). A server set to NO_BACKSLASH_ESCAPES would read that backslash as
   * text and the quote as the end of the value, which lets a crafted value rewrite the statement:
   * the platform does not start on such a server.
   */
  private async assertBackslashEscapes(): Promise<void> {
    const [row] = await this.dataSource.query<Array<{ mode: string }>>('SELECT @@SESSION.sql_mode AS mode');
    if (row?.mode.includes('NO_BACKSLASH_ESCAPES')) {
      throw new ConfigError(
        '数据库的 sql_mode 含 NO_BACKSLASH_ESCAPES：本平台按反斜杠转义提交数据，请在 MySQL/MariaDB 配置中去掉该项后再启动',
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const pool = this.hot?.pool;
    this.hot = undefined;
    if (pool) await new Promise((resolve) => pool.end(resolve));
  }

  /**
   * Every transaction of the platform goes through here. On MySQL each gets its own pooled
   * connection; embedded SQLite has a single connection, where a second BEGIN inside an open one
   * fails, so there they run one after another.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.kind === 'mysql') return this.dataSource.transaction(work);
    const run = this.sqliteTurn.then(() => this.dataSource.transaction(work));
    this.sqliteTurn = run.catch(() => undefined);
    return run;
  }

  /** Inside ReadReplicas.read() a query of its own (no manager) reads from the chosen replica. */
  async query<T = unknown>(sql: string, params: unknown[] = [], manager?: EntityManager): Promise<T> {
    if (manager || !readingFromReplica())
      return (manager ?? this.dataSource.manager).query<T>(sql, this.params(params));
    const runner = this.dataSource.createQueryRunner('slave');
    try {
      return (await runner.query(sql, this.params(params))) as T;
    } finally {
      await runner.release();
    }
  }

  /**
   * better-sqlite3 binds only numbers, strings, bigints, buffers and null: dates become the UTC text
   * TypeORM itself stores there, booleans 1/0. mysql2 takes both as they are.
   */
  params(values: unknown[]): unknown[] {
    if (this.kind === 'mysql') return values;
    return values.map((v) => {
      if (v instanceof Date) return v.toISOString().replace('T', ' ').replace('Z', '');
      if (typeof v === 'boolean') return v ? 1 : 0;
      return v;
    });
  }

  /** Runs a write and tells how many rows it matched. */
  async execute(sql: string, params: unknown[] = [], manager?: EntityManager): Promise<number> {
    const runner = manager?.queryRunner ?? this.dataSource.createQueryRunner();
    try {
      const result = await runner.query(sql, this.params(params), true);
      return result.affected ?? 0;
    } finally {
      if (!manager?.queryRunner) await runner.release();
    }
  }

  /** Inserts one row and returns its generated id, in one round trip (no read-back). */
  async insertReturningId(manager: EntityManager, table: string, row: Record<string, unknown>): Promise<number> {
    const columns = Object.keys(row);
    const runner = manager.queryRunner ?? this.dataSource.createQueryRunner();
    try {
      const sql = `INSERT INTO ${table} (${columns.join(',')}) VALUES (${columns.map(() => '?').join(',')})`;
      const result = await runner.query(sql, this.params(Object.values(row)), true);
      // mysql2 answers a ResultSetHeader; better-sqlite3 the last row id itself.
      const raw = result.raw as { insertId?: number } | number | bigint;
      return Number(typeof raw === 'object' ? raw.insertId : raw);
    } finally {
      if (!manager.queryRunner) await runner.release();
    }
  }

  /**
   * A single write on the exam-day hot path, straight to mysql2 (no TypeORM QueryRunner per call,
   * see execute()): a prepared statement alone, or in one round trip with the hot statements issued in
   * the same turn of the event loop (StatementBatch, on MySQL once the application has started).
   *
   * The statement must be idempotent (it is: saving an answer sets it), because it is tried again
   * when it loses to another transaction — a deadlock on MySQL, a certification conflict on Galera
   * (both error 1213) — or when its connection died with the node it was on (Galera failover, see
   * DATABASE_FAILOVER_HOSTS). Retries are counted in /metrics.
   */
  async hotExecute(sql: string, params: unknown[]): Promise<number> {
    const run = this.hotRun(sql, params);
    return run ? ((await run) as { affectedRows: number }).affectedRows : this.execute(sql, params);
  }

  /**
   * A read on a hot path, the same way (batched with the hot statements issued beside it), rows as
   * plain objects keyed by the selected column names (alias them), none of TypeORM's query
   * building. Tried again, like hotExecute, when its connection died with its node.
   */
  async hotRows<T>(sql: string, params: unknown[]): Promise<T[]> {
    const run = this.hotRun(sql, params);
    return run ? ((await run) as T[]) : this.query<T[]>(sql, params);
  }

  /**
   * One hot statement on MySQL, tried again as hotExecute says; its result as the driver gives it.
   * Null on SQLite, where the callers use the ordinary path.
   */
  private hotRun(sql: string, params: unknown[]): Promise<unknown> | null {
    const hot = this.hot;
    if (hot) {
      return this.withRetries(async () => {
        countStatement(); // the hot pool's connections serve many requests at once: counted here
        return hot.batch.run({ sql, params });
      });
    }
    // Before the application has started (seeding), or without one: TypeORM's own pool.
    const pool = (this.dataSource.driver as unknown as { pool?: ExecutingPool }).pool;
    if (this.kind !== 'mysql' || !pool) return null;
    return this.withRetries(() => executeOne(pool, { sql, params }));
  }

  private async withRetries<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        const reason = retryReason(error);
        if (!reason || attempt >= HOT_ATTEMPTS) throw error;
        this.retries.set(reason, (this.retries.get(reason) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, attempt * 25 + Math.random() * 25));
      }
    }
  }

  /** In an upsert's update clause: the value the insert proposed for `column`. */
  proposed(column: string): string {
    return this.kind === 'mysql' ? `VALUES(${column})` : `excluded.${column}`;
  }

  /** The clause that turns an INSERT into an upsert on the given unique key. */
  onConflict(conflictColumns: string[], assignments: string): string {
    return this.kind === 'mysql'
      ? `ON DUPLICATE KEY UPDATE ${assignments}`
      : `ON CONFLICT(${conflictColumns.join(',')}) DO UPDATE SET ${assignments}`;
  }

  /** `INSERT … VALUES (…),(…)` for many rows at once, in chunks the drivers accept. */
  async insertMany(
    manager: EntityManager,
    table: string,
    columns: string[],
    rows: unknown[][],
    options: { ignoreDuplicates?: boolean; chunkSize?: number } = {},
  ): Promise<void> {
    // SQLite allows 32,766 bound parameters; MySQL's packet limit is the other bound.
    const chunkSize = options.chunkSize ?? Math.max(1, Math.floor(30000 / columns.length / 10));
    const verb = options.ignoreDuplicates ? (this.kind === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE') : 'INSERT';
    const tuple = `(${columns.map(() => '?').join(',')})`;
    for (let start = 0; start < rows.length; start += chunkSize) {
      const chunk = rows.slice(start, start + chunkSize);
      const sql = `${verb} INTO ${table} (${columns.join(',')}) VALUES ${chunk.map(() => tuple).join(',')}`;
      await manager.query(sql, this.params(chunk.flat()));
    }
  }

  /**
   * Inserts one row unless it would duplicate a unique key; says whether it did. One prepared
   * statement on the hot path (a whole school's phones join a 快问 at one bell); tried again like
   * hotExecute, which is safe: a second try of an insert that went through finds the duplicate.
   */
  async insertIgnoringDuplicate(table: string, row: Record<string, unknown>): Promise<boolean> {
    const columns = Object.keys(row);
    const verb = this.kind === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
    const sql = `${verb} INTO ${table} (${columns.join(',')}) VALUES (${columns.map(() => '?').join(',')})`;
    return (await this.hotExecute(sql, Object.values(row))) === 1;
  }

  /**
   * Inserts rows, or updates `updateColumns` of the row whose unique key `conflictColumn` matches.
   * One statement per chunk on both dialects.
   */
  async upsertMany(
    manager: EntityManager,
    table: string,
    columns: string[],
    rows: unknown[][],
    conflictColumn: string,
    updateColumns: string[],
  ): Promise<void> {
    const chunkSize = Math.max(1, Math.floor(30000 / columns.length / 10));
    const tuple = `(${columns.map(() => '?').join(',')})`;
    const update = this.onConflict([conflictColumn], updateColumns.map((c) => `${c}=${this.proposed(c)}`).join(','));
    for (let start = 0; start < rows.length; start += chunkSize) {
      const chunk = rows.slice(start, start + chunkSize);
      const sql = `INSERT INTO ${table} (${columns.join(',')}) VALUES ${chunk.map(() => tuple).join(',')} ${update}`;
      await manager.query(sql, this.params(chunk.flat()));
    }
  }
}
