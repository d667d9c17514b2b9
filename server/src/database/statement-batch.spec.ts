import { batchable, StatementBatch, type BatchSender, type HotStatement } from './statement-batch';

/** A database stand-in: each statement "matches" the number in its text; FAIL fails it. */
function fakeSender() {
  const calls: Array<{ kind: 'one' | 'many'; sql: string[] }> = [];
  const matched = (s: HotStatement) => {
    if (s.sql.includes('FAIL')) throw Object.assign(new Error(`failed: ${s.sql}`), { errno: 1062 });
    return Number(/\d+/.exec(s.sql)?.[0] ?? 0);
  };
  const sender: BatchSender = {
    one: async (s) => {
      calls.push({ kind: 'one', sql: [s.sql] });
      await new Promise((r) => setImmediate(r));
      return matched(s);
    },
    many: async (statements) => {
      calls.push({ kind: 'many', sql: statements.map((s) => s.sql) });
      await new Promise((r) => setImmediate(r));
      // As MySQL does: the whole batch fails when one statement fails (and is rolled back).
      return statements.map(matched);
    },
  };
  return { sender, calls };
}

const statement = (sql: string): HotStatement => ({ sql, params: [1, 'x', null, true, new Date()] });

describe('hot statements issued together go in one round trip', () => {
  it('sends a statement alone when nothing is issued beside it', async () => {
    const { sender, calls } = fakeSender();
    const batch = new StatementBatch(sender);
    await expect(batch.run(statement('UPDATE 1'))).resolves.toBe(1);
    expect(calls).toEqual([{ kind: 'one', sql: ['UPDATE 1'] }]);
    expect(batch.sent).toEqual({ statements: 1, roundTrips: 1 });
  });

  it('sends statements issued in the same turn together and gives each caller its own result, in order', async () => {
    const { sender, calls } = fakeSender();
    const batch = new StatementBatch(sender);
    const results = await Promise.all([1, 0, 3, 1].map((n) => batch.run(statement(`UPDATE ${n}`))));
    expect(results).toEqual([1, 0, 3, 1]);
    expect(calls).toEqual([{ kind: 'many', sql: ['UPDATE 1', 'UPDATE 0', 'UPDATE 3', 'UPDATE 1'] }]);
    expect(batch.sent).toEqual({ statements: 4, roundTrips: 1 });
  });

  it('splits a large turn into round trips of at most the batch size', async () => {
    const { sender, calls } = fakeSender();
    const batch = new StatementBatch(sender, 3);
    const results = await Promise.all(Array.from({ length: 7 }, (_, i) => batch.run(statement(`UPDATE ${i}`))));
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(calls.map((c) => c.sql.length)).toEqual([3, 3, 1]);
    expect(calls.map((c) => c.kind)).toEqual(['many', 'many', 'one']);
  });

  it('starts a new batch for statements issued after the previous one was sent', async () => {
    const { sender, calls } = fakeSender();
    const batch = new StatementBatch(sender);
    await Promise.all([batch.run(statement('UPDATE 1')), batch.run(statement('UPDATE 2'))]);
    await Promise.all([batch.run(statement('UPDATE 3')), batch.run(statement('UPDATE 4'))]);
    expect(calls.map((c) => c.sql)).toEqual([
      ['UPDATE 1', 'UPDATE 2'],
      ['UPDATE 3', 'UPDATE 4'],
    ]);
  });

  it('when one statement fails the batch, runs each alone: only the failing caller gets the error', async () => {
    const { sender, calls } = fakeSender();
    const batch = new StatementBatch(sender);
    const outcomes = await Promise.allSettled([
      batch.run(statement('UPDATE 1')),
      batch.run(statement('INSERT FAIL')),
      batch.run(statement('UPDATE 2')),
    ]);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([
      1,
      'failed: INSERT FAIL',
      2,
    ]);
    expect(calls.map((c) => c.kind)).toEqual(['many', 'one', 'one', 'one']);
  });

  it('says why and for how many statements a failed batch is run again alone', async () => {
    const { sender } = fakeSender();
    const runAgain: Array<[string, number]> = [];
    const batch = new StatementBatch(sender, 32, (error, n) => runAgain.push([(error as Error).message, n]));
    await Promise.allSettled([batch.run(statement('UPDATE 1')), batch.run(statement('INSERT FAIL'))]);
    expect(runAgain).toEqual([['failed: INSERT FAIL', 2]]);
  });

  it('runs alone when the sender answers a different number of results than statements', async () => {
    const calls: string[] = [];
    const sender: BatchSender = {
      one: async (s) => (calls.push(`one ${s.sql}`), 1),
      many: async () => (calls.push('many'), [1]),
    };
    const batch = new StatementBatch(sender);
    await expect(Promise.all([batch.run(statement('A')), batch.run(statement('B'))])).resolves.toEqual([1, 1]);
    expect(calls).toEqual(['many', 'one A', 'one B']);
  });

  it('never writes a value into a batch text that the driver would not escape as a plain value', async () => {
    expect(batchable([1, 2.5, 'it\'s "x"; DROP TABLE t', null, false, new Date()])).toBe(true);
    expect(batchable([{ toString: () => '1; DROP TABLE t' }])).toBe(false);
    expect(batchable([[1, 2]])).toBe(false);
    expect(batchable([Buffer.from('x')])).toBe(false);
    expect(batchable([Number.NaN])).toBe(false);
    expect(batchable([new Date(Number.NaN)])).toBe(false);
    expect(batchable([undefined])).toBe(false);
    // Such a statement is sent alone (bound by the driver), even beside others.
    const { sender, calls } = fakeSender();
    const batch = new StatementBatch(sender);
    await Promise.all([
      batch.run(statement('UPDATE 1')),
      batch.run({ sql: 'UPDATE 2', params: [{}] }),
      batch.run(statement('UPDATE 3')),
    ]);
    expect(calls).toEqual([
      { kind: 'one', sql: ['UPDATE 2'] },
      { kind: 'many', sql: ['UPDATE 1', 'UPDATE 3'] },
    ]);
  });
});
