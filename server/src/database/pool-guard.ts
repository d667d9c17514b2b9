/** The part of mysql2's callback pool that the guard wraps (TypeORM's MysqlDriver.pool). */
export interface GuardedPool {
  getConnection(callback: (error: Error | null, connection?: { release(): void }) => void): void;
}

/** Error codes the guard gives, answered as 503 + Retry-After (see common/errors/error-body.ts). */
export const POOL_BUSY_CODES = new Set(['POOL_ACQUIRE_TIMEOUT', 'POOL_QUEUE_FULL']);

function busyError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * mysql2's pool lets a request wait for a connection for ever, and past its queue limit fails with
 * an error that carries no code (it became a 500 in the exam-day run of 2026-12-04). With the guard
 * a request waits at most `acquireTimeoutMs`, and both failures carry a code the error filter turns
 * into 503 + Retry-After. A connection that arrives after its waiter gave up goes straight back.
 * Everything that queries — TypeORM's repositories, transactions and Sql.hotExecute — goes through
 * pool.getConnection, so this one wrapper covers them all.
 */
export function guardPool(pool: GuardedPool, acquireTimeoutMs: number): void {
  const acquire = pool.getConnection.bind(pool);
  pool.getConnection = (callback) => {
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
      callback(error, connection);
    });
  };
}
