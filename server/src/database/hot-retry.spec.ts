import type { DataSource } from 'typeorm';
import { mapError } from '../common/errors/error-body';
import { AppConfig } from '../config/app-config';
import { retryReason, Sql } from './sql';

type ExecuteCallback = (error: Error | null, result: { affectedRows: number }) => void;

/** A mysql2-like pool whose execute() fails with the given errors first, then matches one row. */
function flakyPool(failures: Array<Record<string, unknown>>) {
  let calls = 0;
  const pool = {
    execute(_sql: string, _values: unknown[], callback: ExecuteCallback) {
      calls++;
      const failure = failures.shift();
      setImmediate(() =>
        failure
          ? callback(
              Object.assign(new Error(typeof failure.message === 'string' ? failure.message : 'failed'), failure),
              { affectedRows: 0 },
            )
          : callback(null, { affectedRows: 1 }),
      );
    },
  };
  return { pool, calls: () => calls };
}

function sqlOver(pool: unknown): Sql {
  const dataSource = { options: { type: 'mariadb' }, driver: { pool } } as unknown as DataSource;
  return new Sql(dataSource, new AppConfig({}));
}

const DEADLOCK = {
  code: 'ER_LOCK_DEADLOCK',
  errno: 1213,
  message: 'Deadlock found when trying to get lock; try restarting transaction',
};

describe('the save path on a cluster', () => {
  it('tells certification conflicts and lost connections from errors worth no retry', () => {
    expect(retryReason(DEADLOCK)).toBe('conflict');
    expect(retryReason({ errno: 1047, message: 'WSREP has not yet prepared node for application use' })).toBe(
      'connection',
    );
    expect(retryReason({ code: 'PROTOCOL_CONNECTION_LOST' })).toBe('connection');
    expect(retryReason({ code: 'ECONNREFUSED' })).toBe('connection');
    expect(retryReason(new Error("Can't add new command when connection is in closed state"))).toBe('connection');
    expect(retryReason({ code: 'ER_DUP_ENTRY', errno: 1062 })).toBeNull();
    expect(retryReason({ code: 'ER_PARSE_ERROR', errno: 1064 })).toBeNull();
    expect(retryReason(null)).toBeNull();
  });

  it('tries a save again after a certification conflict and counts it', async () => {
    const { pool, calls } = flakyPool([{ ...DEADLOCK }, { ...DEADLOCK }]);
    const sql = sqlOver(pool);
    await expect(sql.hotExecute('UPDATE t SET a = ?', [1])).resolves.toBe(1);
    expect(calls()).toBe(3);
    expect(sql.retries.get('conflict')).toBe(2);
  });

  it('tries again on a new connection when the node went away', async () => {
    const { pool, calls } = flakyPool([{ code: 'PROTOCOL_CONNECTION_LOST' }, { code: 'ECONNREFUSED' }]);
    const sql = sqlOver(pool);
    await expect(sql.hotExecute('UPDATE t SET a = ?', [1])).resolves.toBe(1);
    expect(calls()).toBe(3);
    expect(sql.retries.get('connection')).toBe(2);
  });

  it('gives up after five tries, and never retries an error of the statement itself', async () => {
    const conflicts = flakyPool(Array.from({ length: 9 }, () => ({ ...DEADLOCK })));
    await expect(sqlOver(conflicts.pool).hotExecute('UPDATE t SET a = ?', [1])).rejects.toMatchObject({
      errno: 1213,
    });
    expect(conflicts.calls()).toBe(5);

    const bad = flakyPool([{ code: 'ER_BAD_FIELD_ERROR', errno: 1054 }]);
    await expect(sqlOver(bad.pool).hotExecute('UPDATE t SET b = ?', [1])).rejects.toMatchObject({ errno: 1054 });
    expect(bad.calls()).toBe(1);
  });
});

describe('a save that keeps losing conflicts', () => {
  it('answers 503 with Retry-After, which the web app retries, not 500', () => {
    const mapped = mapError(Object.assign(new Error(DEADLOCK.message), DEADLOCK));
    expect(mapped).toMatchObject({ status: 503, retryAfterSeconds: 1, unexpected: false });
    expect(mapped.body.message).toBe('当前访问人数较多，请稍后重试');
  });
});
