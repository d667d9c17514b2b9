import type { Database as SqliteDatabase } from 'better-sqlite3';
import { planUsernameKeys, type StoredUsername } from './username-keys';

/**
 * The embedded SQLite database is built from the entities (synchronize), which copies existing rows
 * into the new table shape but cannot invent a value for a new NOT NULL column. The MySQL migrations
 * do the data steps; this does the same ones for an existing SQLite file before synchronize runs.
 */
export function upgradeSqlite(db: SqliteDatabase): void {
  addUsernameKeys(db);
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
