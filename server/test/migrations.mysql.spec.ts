import { COMPOSITE_SOURCE_LABEL } from '@campus/shared';
import { Prompt } from '../src/modules/prompts/prompt.entity';
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

  it('refuse to make usernames case-blind while two accounts would collide, naming them, and change nothing', async () => {
    const ds = t.dataSource;
    const applied = async () =>
      (await ds.query<Array<{ name: string }>>('SELECT name FROM migrations')).map((m) => m.name);
    while ((await applied()).includes('UsernameKey1796393604849')) await ds.undoLastMigration({ transaction: 'each' });
    const insert = (username: string) =>
      ds.query("INSERT INTO `user` (username, name, role, password_hash) VALUES (?, '旧账号', 'student', 'x')", [
        username,
      ]);
    await insert('lin01');
    await insert(' LIN01');
    await insert('Lin02');
    await expect(ds.runMigrations({ transaction: 'each' })).rejects.toThrow(/「lin01」\(id \d+\) 与 「 LIN01」/);
    const columns: Array<{ Field: string }> = await ds.query('SHOW COLUMNS FROM `user`');
    expect(columns.map((c) => c.Field)).not.toContain('username_key');

    await ds.query("DELETE FROM `user` WHERE username = ' LIN01'");
    await ds.runMigrations({ transaction: 'each' });
    const rows: Array<{ username: string; username_key: string }> = await ds.query(
      "SELECT username, username_key FROM `user` WHERE name = '旧账号' ORDER BY id",
    );
    expect(rows).toEqual([
      { username: 'lin01', username_key: 'lin01' },
      { username: 'Lin02', username_key: 'lin02' },
    ]);
    expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
    await ds.query("DELETE FROM `user` WHERE name = '旧账号'");
  });

  it('are reversible: undoing them all leaves no table of ours behind', async () => {
    const count = (await t.dataSource.query<Array<{ name: string }>>('SELECT name FROM migrations')).length;
    for (let i = 0; i < count; i++) await t.dataSource.undoLastMigration({ transaction: 'each' });
    const tables: Array<Record<string, string>> = await t.dataSource.query('SHOW TABLES');
    expect(tables.map((row) => Object.values(row)[0])).toEqual(['migrations']);
    await t.dataSource.runMigrations({ transaction: 'each' });
    expect((await t.dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });

  it('upgrade prompts written before source kinds: vague "根据…改编" dates dropped, named sources kept as bulletins', async () => {
    const migration = 'AddPromptTeachingNotesAndSourceKind1796394431957';
    const executed = async () =>
      (await t.dataSource.query<Array<{ name: string }>>('SELECT name FROM migrations')).map((r) => r.name);
    while ((await executed()).includes(migration)) await t.dataSource.undoLastMigration({ transaction: 'each' });
    const insert = (title: string, source: string, date: string | null) =>
      t.dataSource.query(
        "INSERT INTO `prompt` (`title`, `story`, `warning_signs`, `actions`, `takeaway`, `fraud_type`, `tags`, `source`, `source_date`) VALUES (?, '案例', '[\"信号\"]', '[\"做法\"]', '提醒', 'other', '[]', ?, ?)",
        [title, source, date],
      );
    await insert('旧·改编', '根据公安机关公开通报案例改编', '2025-03-14');
    await insert('旧·通报', '某市公安局关于防范刷单诈骗的通报', '2025-04-01');
    await insert('旧·无来源', '', null);
    await t.dataSource.runMigrations({ transaction: 'each' });

    const rows = await t.dataSource.getRepository(Prompt).find({ order: { id: 'ASC' } });
    const byTitle = new Map(rows.map((r) => [r.title, r]));
    expect(byTitle.get('旧·改编')).toMatchObject({
      sourceKind: 'composite',
      source: COMPOSITE_SOURCE_LABEL,
      sourceDate: null,
      teachingPoints: [],
      discussionQuestion: '',
    });
    expect(byTitle.get('旧·通报')).toMatchObject({
      sourceKind: 'bulletin',
      sourceDate: '2025-04-01',
      sourceIssuer: '',
    });
    expect(byTitle.get('旧·无来源')).toMatchObject({ sourceKind: 'composite', source: COMPOSITE_SOURCE_LABEL });
    await t.dataSource.query("DELETE FROM `prompt` WHERE `title` LIKE '旧·%'");
  });

  it('give attempt questions written before answer keys the key of their version, by the shared codec', async () => {
    const migration = 'AttemptQuestionAnswerKey1796418756735';
    const ds = t.dataSource;
    const executed = async () =>
      (await ds.query<Array<{ name: string }>>('SELECT name FROM migrations')).map((r) => r.name);
    while ((await executed()).includes(migration)) await ds.undoLastMigration({ transaction: 'each' });
    const version = async (type: string, answer: string[]) => {
      const result: { insertId: number } = await ds.query(
        "INSERT INTO `question_version` (`question_id`, `version`, `type`, `stem`, `options`, `answer`, `analysis`, `fraud_type`, `difficulty`) VALUES (990001, ?, ?, '旧题', '[]', ?, '', 'other', 3)",
        [Math.floor(Math.random() * 1e9), type, JSON.stringify(answer)],
      );
      return result.insertId;
    };
    const multiple = await version('multiple', ['D', 'A', 'B']);
    const judge = await version('judge', ['F']);
    const answer = (questionId: number, versionId: number, saved: string | null) =>
      ds.query(
        "INSERT INTO `attempt_question` (`attempt_id`, `question_id`, `question_version_id`, `position`, `option_order`, `score`, `answer`) VALUES (990001, ?, ?, 0, 'ABCD', 5, ?)",
        [questionId, versionId, saved],
      );
    await answer(1, multiple, 'ABD');
    await answer(2, judge, 'T');
    await answer(3, 987654321, 'A'); // its version is gone: no key, never right

    await ds.runMigrations({ transaction: 'each' });
    const rows: Array<{ question_id: number; answer_key: string; right: number }> = await ds.query(
      'SELECT question_id, answer_key, answer = answer_key AS `right` FROM `attempt_question` WHERE attempt_id = 990001 ORDER BY question_id',
    );
    expect(rows.map((r) => [r.question_id, r.answer_key, Number(r.right)])).toEqual([
      [1, 'ABD', 1],
      [2, 'F', 0],
      [3, '', 0],
    ]);
    expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
    await ds.query('DELETE FROM `attempt_question` WHERE attempt_id = 990001');
    await ds.query('DELETE FROM `question_version` WHERE question_id = 990001');
  });
});
