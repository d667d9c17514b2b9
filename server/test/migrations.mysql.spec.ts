import { TestApp } from './harness';

// Runs in the MariaDB pass only (jest.config.js): SQLite databases are built from the entities.
describe('MySQL migrations', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('produce from an empty database exactly the schema the entities declare', async () => {
    const executed = await t.dataSource.query<Array<{ name: string }>>('SELECT name FROM migrations');
    expect(executed.length).toBeGreaterThan(0);
    const pending = await t.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('are reversible: undoing them all leaves no table of ours behind', async () => {
    const count = (await t.dataSource.query<Array<{ name: string }>>('SELECT name FROM migrations')).length;
    for (let i = 0; i < count; i++) await t.dataSource.undoLastMigration({ transaction: 'each' });
    const tables: Array<Record<string, string>> = await t.dataSource.query('SHOW TABLES');
    expect(tables.map((row) => Object.values(row)[0])).toEqual(['migrations']);
    await t.dataSource.runMigrations({ transaction: 'each' });
    expect((await t.dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
