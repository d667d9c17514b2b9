import { bindToCurrentRequest, countStatement } from '../common/logging/request-context';

/** The part of a mysql2 pool connection the guard counts statements on. */
interface CountedConnection {
  release(): void;
  // never[]: any driver method fits; the guard only passes the caller's arguments through.
  query?: (...args: never[]) => unknown;
  execute?: (...args: never[]) => unknown;
}

/** The part of mysql2's callback pool that the guard wraps (TypeORM's MysqlDriver.pool). */
export interface GuardedPool {
  getConnection(callback: (error: Error | null, connection?: CountedConnection) => void): void;
}

/** Error codes the guard gives, answered as 503 + Retry-After (see common/errors/error-body.ts). */
export const POOL_BUSY_CODES = new Set(['POOL_ACQUIRE_TIMEOUT', 'POOL_QUEUE_FULL']);

function busyError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

const COUNTED = Symbol('statementsCounted');

/**
 * Every statement sent on a pooled connection is counted for the request it serves (metrics
 * `db_statements_total`, pnpm bench:examday): wrapped once per connection, a counter increment each.
 */
function countStatementsOn(connection: CountedConnection & { [COUNTED]?: true }): void {
  if (connection[COUNTED]) return;
  connection[COUNTED] = true;
  for (const method of ['query', 'execute'] as const) {
    const original = connection[method];
    if (typeof original !== 'function') continue;
    connection[method] = function (this: unknown, ...args: never[]) {
      countStatement();
      return Reflect.apply(original, this, args) as unknown;
    };
  }
}

/**
 * mysql2's pool lets a request wait for a connection for ever, and past its queue limit fails with
 * an error that carries no code (it became a 500 in the exam-day run of 2026-12-04). With the guard
 * a request waits at most `acquireTimeoutMs`, and both failures carry a code the error filter turns
 * into 503 + Retry-After. A connection that arrives after its waiter gave up goes straight back.
 * Everything that queries — TypeORM's repositories, transactions and Sql.hotExecute — goes through
 * pool.getConnection, so this one wrapper covers them all. The waiter is called back in its own
 * async context (not the context of the request that released the connection), so log lines and
 * statement counts name the right request.
 */
export function guardPool(
  pool: GuardedPool,
  acquireTimeoutMs: number,
  options: { countStatements: boolean } = { countStatements: true },
): void {
  const acquire = pool.getConnection.bind(pool);
  pool.getConnection = (waiter) => {
    const callback = bindToCurrentRequest(waiter);
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      callback(busyError('POOL_ACQUIRE_TIMEOUT', `no database connection within ${acquireTimeoutMs} ms`));
    }, acquireTimeoutMs);
    acquire((error, connection) => {
      if (settled) {
        connection?.release();
        return;
      }
      settled = true;
      clearTimeout(timer);
      if (error && error.message.startsWith('Queue limit reached'))
        return callback(busyError('POOL_QUEUE_FULL', error.message));
      if (connection && options.countStatements) countStatementsOn(connection);
      callback(error, connection);
    });
  };
}
