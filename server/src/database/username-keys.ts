import { normalizeUsername, usernameKey } from '@campus/shared';

export interface StoredUsername {
  id: number;
  username: string;
}

export interface UsernameKeyPlan {
  /** Every row with its stored name (trimmed, NFKC) and key, and whether SQL's LOWER() gets the key right. */
  rows: Array<{ id: number; username: string; key: string; plainSqlSuffices: boolean }>;
}

/**
 * Before usernames become one identity whatever their case and surrounding spaces, existing rows that
 * would then be the same account must be sorted out by a person: merging them automatically would hand
 * one person's results, role and sessions to another. So the upgrade refuses and names them.
 */
export function planUsernameKeys(users: StoredUsername[]): UsernameKeyPlan {
  const byKey = new Map<string, StoredUsername[]>();
  for (const u of users) {
    const key = usernameKey(u.username);
    byKey.set(key, [...(byKey.get(key) ?? []), u]);
  }
  const collisions = [...byKey.values()].filter((group) => group.length > 1);
  if (collisions.length > 0) {
    const listed = collisions
      .slice(0, 50)
      .map((group) =>
        [...group]
          .sort((a, b) => a.id - b.id)
          .map((u) => `「${u.username}」(id ${u.id})`)
          .join(' 与 '),
      )
      .join('；');
    throw new Error(
      `无法升级：以下账号的学号/工号只差大小写或首尾空格，升级后会成为同一账号。` +
        `为避免合并不同的人，升级已停止，数据库未作任何改动。请先改名或删除其中一个后再启动：${listed}` +
        (collisions.length > 50 ? `（共 ${collisions.length} 组，仅列出前 50 组）` : ''),
    );
  }
  return {
    rows: users.map((u) => {
      const username = normalizeUsername(u.username);
      const key = usernameKey(u.username);
      // SQL's LOWER(TRIM()) is trusted only for names that are already clean printable ASCII.
      const plainSqlSuffices = username === u.username && /^[\x21-\x7e]*$/.test(username);
      return { id: u.id, username, key, plainSqlSuffices };
    }),
  };
}
