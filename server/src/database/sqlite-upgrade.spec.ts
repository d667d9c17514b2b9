import 'reflect-metadata';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { User } from '../modules/users/user.entity';
import { dataSourceOptions } from './data-source-options';

/** The `user` table as SQLite databases made before usernameKey have it. */
const OLD_USER_TABLE = `CREATE TABLE "user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "username" varchar(32) NOT NULL,
  "name" varchar(64) NOT NULL, "role" varchar(16) NOT NULL, "college_id" integer, "class_id" integer,
  "department_id" integer, "phone" varchar(20), "password_hash" varchar(200) NOT NULL,
  "must_change_password" boolean NOT NULL DEFAULT (1), "token_version" integer NOT NULL DEFAULT (0),
  "disabled" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (datetime('now')),
  "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_username" UNIQUE ("username"))`;

describe('upgrading an existing embedded SQLite database', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'campus-upgrade-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function oldDatabase(usernames: string[]): void {
    const db = new Database(join(dir, 'campus.sqlite'));
    db.exec(OLD_USER_TABLE);
    const insert = db.prepare(`INSERT INTO "user" (username, name, role, password_hash) VALUES (?, ?, 'student', 'x')`);
    for (const u of usernames) insert.run(u, `姓名${u.trim()}`);
    db.close();
  }
  const open = () => new DataSource(dataSourceOptions(new AppConfig({ DATA_DIR: dir })));

  it('gives every existing account its key and keeps the accounts', async () => {
    oldDatabase(['T0001', ' xsc01 ', '2025010101']);
    const ds = await open().initialize();
    try {
      const users = await ds.getRepository(User).find({ order: { id: 'ASC' } });
      expect(users.map((u) => [u.username, u.usernameKey, u.name])).toEqual([
        ['T0001', 't0001', '姓名T0001'],
        ['xsc01', 'xsc01', '姓名xsc01'],
        ['2025010101', '2025010101', '姓名2025010101'],
      ]);
    } finally {
      await ds.destroy();
    }
  });

  it('refuses to start when two accounts differ only in case or spaces, naming both, and changes nothing', async () => {
    oldDatabase(['admin', 'ADMIN', '2025010101']);
    await expect(open().initialize()).rejects.toThrow(/「admin」\(id 1\) 与 「ADMIN」\(id 2\)/);
    const db = new Database(join(dir, 'campus.sqlite'));
    const columns = (db.prepare(`PRAGMA table_info('user')`).all() as Array<{ name: string }>).map((c) => c.name);
    expect(columns).not.toContain('username_key');
    expect(db.prepare('SELECT COUNT(*) AS n FROM user').get()).toEqual({ n: 3 });
    db.close();
  });

  it('gives attempt questions written before answer keys the key of their version', async () => {
    // A database of today, then the column taken away: the shape of one made before it.
    const fresh = await open().initialize();
    await fresh.query(
      "INSERT INTO question_version (id, question_id, version, type, stem, options, answer, analysis, fraud_type, difficulty) VALUES (7, 1, 1, 'multiple', '题', '[]', '[\"C\",\"A\"]', '', 'other', 3)",
    );
    await fresh.query(
      "INSERT INTO attempt_question (attempt_id, question_id, question_version_id, position, option_order, score, answer_key, answer) VALUES (1, 1, 7, 0, 'ABCD', 5, '', 'AC'), (1, 2, 8, 1, 'ABCD', 5, '', 'B')",
    );
    await fresh.destroy();
    const db = new Database(join(dir, 'campus.sqlite'));
    db.exec('ALTER TABLE attempt_question DROP COLUMN answer_key');
    db.close();

    const ds = await open().initialize();
    try {
      const rows: Array<{ question_id: number; answer_key: string }> = await ds.query(
        'SELECT question_id, answer_key FROM attempt_question ORDER BY question_id',
      );
      expect(rows).toEqual([
        { question_id: 1, answer_key: 'AC' },
        { question_id: 2, answer_key: '' },
      ]);
    } finally {
      await ds.destroy();
    }
  });
});
