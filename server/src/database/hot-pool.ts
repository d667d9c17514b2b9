import type { DataSource } from 'typeorm';
import { guardPool, type GuardedPool } from './pool-guard';
import { KEEP_BACKSLASH_ESCAPES, keepBackslashEscapes, type AnnouncingPool } from './session-settings';
import type { BatchSender, HotStatement } from './statement-batch';

type Callback<R> = (error: Error | null, result: R) => void;

/** The part of a mysql2 callback connection a batch uses. */
interface HotConnection {
  query(sql: string, callback: Callback<unknown>): void;
  format(sql: string, values: readonly unknown[]): string;
  release(): void;
  destroy(): void;
}

/** The part of a mysql2 callback pool (TypeORM's, or the hot one) that runs one prepared statement. */
export interface ExecutingPool {
  execute(sql: string, values: readonly unknown[], callback: Callback<unknown>): void;
}

/** One statement alone as a prepared statement; answers the driver's result (rows, or a header). */
export function executeOne(pool: ExecutingPool, statement: HotStatement): Promise<unknown> {
  return new Promise((resolve, reject) =>
    pool.execute(statement.sql, statement.params, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

/** The part of a mysql2 callback pool the hot path uses. */
export interface HotPool extends GuardedPool, ExecutingPool, AnnouncingPool {
  getConnection(callback: (error: Error | null, connection?: HotConnection) => void): void;
  end(callback: (error?: Error | null) => void): void;
}

/** What of TypeORM's MySQL driver builds its own pool, to build a second one just like it. */
interface MysqlDriverInternals {
  options: unknown;
  mysql: { createPool(options: Record<string, unknown>): HotPool };
  createConnectionOptions(options: unknown, credentials: unknown): Record<string, unknown>;
}

/**
 * The hot statements' own pool: TypeORM's connection settings (address, failover, time zone, TLS),
 * plus multi-statement texts, which only this pool accepts. The rest of the platform keeps the
 * TypeORM pool, where a stacked statement is refused whatever reaches it; here every value is
 * escaped by mysql2 from scalars and dates alone (see batchable) into SQL fixed in the code.
 */
export function createHotPool(dataSource: DataSource, size: number, acquireTimeoutMs: number): HotPool {
  const driver = dataSource.driver as unknown as MysqlDriverInternals;
  const pool = driver.mysql.createPool({
    ...driver.createConnectionOptions(driver.options, driver.options),
    multipleStatements: true,
    connectionLimit: size,
    maxIdle: size,
  });
  keepBackslashEscapes(pool);
  // Statements are counted per caller by Sql.hotExecute: a batch serves many requests at once.
  guardPool(pool, acquireTimeoutMs, { countStatements: false });
  return pool;
}

/**
 * Sends hot statements on the pool: alone as a prepared statement, several as one transaction (a
 * read in it sees the data as of its start, like a read alone).
 */
export function hotSender(pool: HotPool): BatchSender {
  return {
    one: (statement: HotStatement) => executeOne(pool, statement),
    many: (statements: readonly HotStatement[]) =>
      new Promise<unknown[]>((resolve, reject) =>
        pool.getConnection((acquireError, connection) => {
          if (acquireError || !connection) return reject(acquireError ?? new Error('no connection'));
          // Set again in each batch, not only when the connection opened (session-settings.ts): the
          // batch's text is where a value is written into SQL, so it carries its own guarantee.
          const text = [
            KEEP_BACKSLASH_ESCAPES,
            'START TRANSACTION',
            ...statements.map((s) => connection.format(s.sql, s.params)),
            'COMMIT',
          ].join(';\n');
          connection.query(text, (error, results) => {
            if (error) {
              // The server stops at the failing statement and leaves the transaction open: closing
              // the connection rolls it back, so nothing of the batch stays.
              connection.destroy();
              return reject(error);
            }
            connection.release();
            const headers = Array.isArray(results) ? results : [];
            resolve(headers.slice(2, statements.length + 2));
          });
        }),
      ),
  };
}
