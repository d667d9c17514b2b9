import type { Database as SqliteDatabase } from 'better-sqlite3';
import { answerKeysOf, type StoredVersionAnswer } from './answer-keys';
import { planUsernameKeys, type StoredUsername } from './username-keys';

/**
 * The embedded SQLite database is built from the entities (synchronize), which copies existing rows
 * into the new table shape but cannot invent a value for a new NOT NULL column. The MySQL migrations
 * do the data steps; this does the same ones for an existing SQLite file before synchronize runs.
 */
export function upgradeSqlite(db: SqliteDatabase): void {
  addUsernameKeys(db);
  addAnswerKeys(db);
}

/** See migration UsernameKey: same rule, same refusal when two accounts would become one. */
function addUsernameKeys(db: SqliteDatabase): void {
  const columns = db.prepare(`PRAGMA table_info('user')`).all() as Array<{ name: string }>;
  if (columns.length === 0 || columns.some((c) => c.name === 'username_key')) return;
  const plan = planUsernameKeys(db.prepare('SELECT id, username FROM user').all() as StoredUsername[]);
  db.transaction(() => {
    db.exec('ALTER TABLE user ADD COLUMN username_key varchar(32)');
    const update = db.prepare('UPDATE user SET username = ?, username_key = ? WHERE id = ?');
    for (const row of plan.rows) update.run(row.username, row.key, row.id);
  })();
}

/** See migration AttemptQuestionAnswerKey: each attempt question's key, from its version by the shared codec. */
function addAnswerKeys(db: SqliteDatabase): void {
  const columns = db.prepare(`PRAGMA table_info('attempt_question')`).all() as Array<{ name: string }>;
  if (columns.length === 0 || columns.some((c) => c.name === 'answer_key')) return;
  const versions = db
    .prepare(
      'SELECT id, type, answer FROM question_version WHERE id IN (SELECT DISTINCT question_version_id FROM attempt_question)',
    )
    .all() as StoredVersionAnswer[];
  db.transaction(() => {
    db.exec(`ALTER TABLE attempt_question ADD COLUMN answer_key varchar(16) NOT NULL DEFAULT ''`);
    const update = db.prepare('UPDATE attempt_question SET answer_key = ? WHERE question_version_id = ?');
    for (const { versionId, key } of answerKeysOf(versions)) update.run(key, versionId);
  })();
}
