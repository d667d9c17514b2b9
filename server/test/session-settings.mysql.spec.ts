import { createPool, type Pool } from 'mysql2';
import { keepBackslashEscapes } from '../src/database/session-settings';
import { Sql } from '../src/database/sql';
import { TestApp } from './harness';

/**
 * A server whose new connections read backslashes as text, as after a DBA's SET GLOBAL sql_mode:
 * emulated on each connection as it opens (a global change would reach every other suite running).
 */
function poolOfServerWithoutBackslashEscapes(guarded: boolean): Pool {
  const pool = createPool({ uri: process.env.DATABASE_URL, connectionLimit: 2 });
  pool.on('connection', (connection) => {
    connection.query("SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',NO_BACKSLASH_ESCAPES')");
  });
  if (guarded) keepBackslashEscapes(pool);
  return pool;
}

function ask<T>(pool: Pool, sql: string, values: unknown[] = []): Promise<T> {
  return new Promise((resolve, reject) =>
    pool.query(sql, values, (error, rows) => (error ? reject(error) : resolve(rows as T))),
  );
}

const CRAFTED = "x\\'; DROP TABLE user; -- ";

describe('sessions read backslashes as escapes whatever the server is set to', () => {
  const pools: Pool[] = [];
  afterAll(() => Promise.all(pools.map((p) => new Promise((resolve) => p.end(resolve)))));

  it('turns NO_BACKSLASH_ESCAPES off on every new connection, so a value comes back as it was sent', async () => {
    const pool = poolOfServerWithoutBackslashEscapes(true);
    pools.push(pool);
    const [mode] = await ask<Array<{ mode: string }>>(pool, 'SELECT @@SESSION.sql_mode AS mode');
    expect(mode!.mode).not.toMatch(/NO_BACKSLASH_ESCAPES/);
    const [echo] = await ask<Array<{ v: string }>>(pool, 'SELECT ? AS v', [CRAFTED]);
    expect(echo!.v).toBe(CRAFTED);
  });

  it('(the emulated server: without the setting the same connection reads the value differently)', async () => {
    const pool = poolOfServerWithoutBackslashEscapes(false);
    pools.push(pool);
    const [mode] = await ask<Array<{ mode: string }>>(pool, 'SELECT @@SESSION.sql_mode AS mode');
    expect(mode!.mode).toMatch(/NO_BACKSLASH_ESCAPES/);
    // The quote the driver escaped now ends the text: the statement is not the one that was meant.
    await expect(ask(pool, 'SELECT ? AS v', [CRAFTED])).rejects.toThrow();
  });

  it('is set up on the platform’s own pools: TypeORM’s and the hot statements’', async () => {
    const t = await TestApp.start();
    try {
      const typeorm = (t.dataSource.driver as unknown as { pool: Pool }).pool;
      const hot = (t.get(Sql) as unknown as { hot?: { pool: Pool } }).hot?.pool;
      expect(hot).toBeDefined();
      for (const pool of [typeorm, hot!]) expect(pool.listenerCount('connection')).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
