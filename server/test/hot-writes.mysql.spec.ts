import { createHotPool, hotSender } from '../src/database/hot-pool';
import { Sql } from '../src/database/sql';
import { TestApp } from './harness';

/**
 * The hot writes (answer saves, 快问 joins and answers) issued together go to MySQL in one round
 * trip (StatementBatch over the hot pool). What each caller is told, and what is stored, must be
 * exactly what sending each alone would give.
 */
describe('hot writes batched on MySQL', () => {
  let t: TestApp;
  let sql: Sql;
  beforeAll(async () => {
    t = await TestApp.start();
    sql = t.get(Sql);
    await t.dataSource.query('DROP TABLE IF EXISTS hot_write_probe');
    await t.dataSource.query(
      `CREATE TABLE hot_write_probe (id INT PRIMARY KEY, answer VARCHAR(200) NULL, flag BOOLEAN NULL,
        at DATETIME(3) NULL) CHARACTER SET utf8mb4`,
    );
  });
  afterAll(async () => {
    await t.dataSource.query('DROP TABLE IF EXISTS hot_write_probe');
    await t.close();
  });
  beforeEach(() => t.dataSource.query('DELETE FROM hot_write_probe'));

  const rows = () =>
    t.dataSource.query<Array<{ id: number; answer: string | null; flag: number | null; at: Date | null }>>(
      'SELECT id, answer, flag, at FROM hot_write_probe ORDER BY id',
    );

  it('tells each caller how many rows its own statement matched, in one round trip for many', async () => {
    await t.dataSource.query('INSERT INTO hot_write_probe (id) VALUES (1), (2), (3)');
    const before = { ...sql.hotStatements };
    const update = 'UPDATE hot_write_probe SET answer = ? WHERE id = ? AND answer IS NULL';
    // A double tap beside first answers: only the first of the two on row 2 matches.
    const matched = await Promise.all([
      sql.hotExecute(update, ['A', 1]),
      sql.hotExecute(update, ['B', 2]),
      sql.hotExecute(update, ['C', 2]),
      sql.hotExecute(update, ['D', 3]),
      sql.hotExecute(update, ['E', 4]),
    ]);
    expect(matched).toEqual([1, 1, 0, 1, 0]);
    expect((await rows()).map((r) => r.answer)).toEqual(['A', 'B', 'D']);
    expect(sql.hotStatements.statements - before.statements).toBe(5);
    expect(sql.hotStatements.roundTrips - before.roundTrips).toBe(1);
  });

  it('stores text, booleans and times exactly as a statement sent alone does', async () => {
    const at = new Date('2026-09-01T01:02:03.456Z');
    const awkward = `it's "quoted" \\ back\\slash; DROP TABLE hot_write_probe; -- 反诈 😀`;
    const insert = 'INSERT INTO hot_write_probe (id, answer, flag, at) VALUES (?, ?, ?, ?)';
    await sql.hotExecute(insert, [1, awkward, true, at]); // alone: a prepared statement
    await Promise.all([sql.hotExecute(insert, [2, awkward, true, at]), sql.hotExecute(insert, [3, null, false, null])]);
    const [alone, batched, empty] = await rows();
    expect(batched).toEqual({ ...alone, id: 2 });
    expect(batched!.answer).toBe(awkward);
    expect(new Date(batched!.at!).toISOString()).toBe(at.toISOString());
    expect(empty).toMatchObject({ id: 3, answer: null, flag: 0, at: null });
  });

  it('keeps text exact on a connection whose sql_mode reads backslashes as ordinary characters', async () => {
    // One connection, so the batch below runs where the mode was set.
    const pool = createHotPool(t.dataSource, 1, 2000);
    try {
      const sender = hotSender(pool);
      await sender.one({
        sql: "SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',NO_BACKSLASH_ESCAPES')",
        params: [],
      });
      const awkward = `x\\'); DELETE FROM hot_write_probe; -- \\`;
      const insert = 'INSERT INTO hot_write_probe (id, answer) VALUES (?, ?)';
      await sender.many([
        { sql: insert, params: [1, awkward] },
        { sql: insert, params: [2, 'plain'] },
      ]);
      expect((await rows()).map((r) => [r.id, r.answer])).toEqual([
        [1, awkward],
        [2, 'plain'],
      ]);
    } finally {
      await new Promise((resolve) => pool.end(resolve));
    }
  });

  it('gives a failing statement its own error and keeps every other write of its batch exactly once', async () => {
    await t.dataSource.query("INSERT INTO hot_write_probe (id, answer) VALUES (2, 'taken')");
    const insert = 'INSERT INTO hot_write_probe (id, answer) VALUES (?, ?)';
    const outcomes = await Promise.allSettled([
      sql.hotExecute(insert, [1, 'one']),
      sql.hotExecute(insert, [2, 'two']),
      sql.hotExecute(insert, [3, 'three']),
    ]);
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: 1 });
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: { code: 'ER_DUP_ENTRY' } });
    expect(outcomes[2]).toEqual({ status: 'fulfilled', value: 1 });
    expect((await rows()).map((r) => [r.id, r.answer])).toEqual([
      [1, 'one'],
      [2, 'taken'],
      [3, 'three'],
    ]);
  });

  it('leaves no transaction open on the pool after a failed batch', async () => {
    const insert = 'INSERT INTO hot_write_probe (id, answer) VALUES (?, ?)';
    await Promise.allSettled([sql.hotExecute(insert, [1, 'a']), sql.hotExecute(insert, [1, 'b'])]);
    // Every later write is committed: another connection sees it at once.
    await Promise.all([sql.hotExecute(insert, [5, 'x']), sql.hotExecute(insert, [6, 'y'])]);
    const seen = await t.dataSource.query<Array<{ n: number | string }>>(
      'SELECT COUNT(*) AS n FROM hot_write_probe WHERE id IN (5, 6)',
    );
    expect(Number(seen[0]!.n)).toBe(2);
    const open = await t.dataSource.query<Array<{ n: number | string }>>(
      'SELECT COUNT(*) AS n FROM information_schema.innodb_trx',
    );
    expect(Number(open[0]!.n)).toBe(0);
  });
});
