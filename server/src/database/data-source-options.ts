import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { upgradeSqlite } from './sqlite-upgrade';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { failoverStream, urlHost, type FailoverState } from './failover';

const FAILOVER = new WeakMap<object, FailoverState>();

/** Which node of DATABASE_URL + DATABASE_FAILOVER_HOSTS new connections go to, when configured. */
export function failoverOf(options: DataSourceOptions): FailoverState | null {
  const stream = (options as { extra?: { stream?: object } }).extra?.stream;
  return (stream && FAILOVER.get(stream)) ?? null;
}

export const MIGRATIONS_GLOB = join(__dirname, 'migrations', '*.{ts,js}');

/**
 * MySQL schema changes go through reviewed migrations (run at boot). The embedded SQLite database
 * is for trying the platform out and for tests, so it is created from the entities directly.
 */
export function dataSourceOptions(config: AppConfig, mysqlFlavour: 'mysql' | 'mariadb' = 'mysql'): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    namingStrategy: new SnakeNamingStrategy(),
    logging: ['error', 'warn'] as ('error' | 'warn')[],
  };
  if (config.databaseKind === 'mysql') {
    const connectTimeout = 5000;
    let failover: { stream?: () => unknown } = {};
    if (config.databaseUrl && config.databaseFailoverHosts.length > 0) {
      const { stream, state } = failoverStream(
        [urlHost(config.databaseUrl), ...config.databaseFailoverHosts],
        connectTimeout,
      );
      FAILOVER.set(stream, state);
      failover = { stream };
    }
    return {
      ...common,
      // TypeORM reads MariaDB's information_schema differently (defaults, NULL), so it must know.
      type: mysqlFlavour,
      url: config.databaseUrl ?? undefined,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      // A Date is written as UTC; decimals come back as numbers.
      dateStrings: false,
      supportBigNumbers: true,
      bigNumberStrings: false,
      poolSize: config.dbPoolSize,
      migrations: [MIGRATIONS_GLOB],
      migrationsRun: true,
      migrationsTransactionMode: 'each',
      synchronize: false,
      // Idle connections are kept (not closed after mysql2's default 60 s) so an exam-day burst finds
      // a warm pool; see Sql.warmPool.
      extra: {
        connectTimeout,
        ...failover,
        enableKeepAlive: true,
        waitForConnections: true,
        // Every query belongs to a request admitted at the door (MAX_IN_FLIGHT) or to one of the few
        // background jobs, so the queue never needs more; past it the pool guard answers 503.
        queueLimit: config.admissionMaxInFlight + 64,
        maxIdle: config.dbPoolSize,
        idleTimeout: 30 * 60_000,
        // mysql2's promise API captured a stack trace for every query (for its own error stacks):
        // 4 % of the server's CPU while 2,000 students start at once (pnpm bench:exam, profiled).
        // Errors still carry the SQL and request id in the logs.
        trace: false,
      },
    };
  }
  mkdirSync(config.dataDir, { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.sqlitePath,
    enableWAL: true,
    synchronize: true,
    prepareDatabase: (db: SqliteDatabase) => {
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      upgradeSqlite(db);
    },
  };
}
