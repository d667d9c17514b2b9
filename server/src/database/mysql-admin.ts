import { createConnection } from 'mysql2/promise';

/** Drops and creates the database a mysql:// URL names (tests, benchmarks, the migration generator). */
export async function recreateMysqlDatabase(url: string): Promise<void> {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`Unexpected database name in ${url}`);
  parsed.pathname = '/';
  const connection = await createConnection({ uri: parsed.toString() });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await connection.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
}

/** MySQL and MariaDB speak one protocol; TypeORM needs to know which one it reads schemas from. */
export async function detectMysqlFlavour(
  url: string,
  otherNodes: ReadonlyArray<{ host: string; port: number }> = [],
): Promise<'mysql' | 'mariadb'> {
  const connection = await connectToFirst(url, otherNodes);
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    const version = String((rows as Array<{ version: string }>)[0]?.version ?? '');
    return /mariadb/i.test(version) ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}

/** A connection to the URL's host, or else to the first of the other nodes that answers. */
async function connectToFirst(url: string, otherNodes: ReadonlyArray<{ host: string; port: number }>) {
  try {
    return await createConnection({ uri: url, connectTimeout: 5000 });
  } catch (error) {
    for (const node of otherNodes) {
      const parsed = new URL(url);
      parsed.hostname = node.host;
      parsed.port = String(node.port);
      try {
        return await createConnection({ uri: parsed.toString(), connectTimeout: 5000 });
      } catch {
        // the next one
      }
    }
    throw error;
  }
}
