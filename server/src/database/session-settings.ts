/**
 * mysql2 binds the values of a text query itself, escaping a quote inside text with a backslash
 * (TypeORM's queries, the hot batches). Under the sql_mode NO_BACKSLASH_ESCAPES the backslash is an
 * ordinary character and the quote ends the text, so a crafted value could rewrite its statement.
 * The platform refuses to start on a server whose mode has it (Sql.onApplicationBootstrap); a DBA
 * could still set it server-wide while the platform runs, and every connection opened after that
 * would take it. So each new connection of every pool first turns it off for its own session.
 */
export const KEEP_BACKSLASH_ESCAPES = "SET SESSION sql_mode = REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', '')";

/** The part of a mysql2 callback connection the setting needs. */
interface NewConnection {
  query(sql: string, callback: (error: Error | null) => void): unknown;
  destroy(): void;
}

/** The part of a mysql2 callback pool (TypeORM's, a replica's, the hot one) that announces new connections. */
export interface AnnouncingPool {
  on(event: 'connection', listener: (connection: NewConnection) => void): unknown;
}

/**
 * Sets the session of every connection `pool` opens from now on. mysql2 runs a connection's
 * commands in order and announces it before handing it out, so the setting comes before anything
 * else on it. A connection that cannot take it is closed rather than used.
 */
export function keepBackslashEscapes(pool: AnnouncingPool): void {
  pool.on('connection', (connection) => {
    connection.query(KEEP_BACKSLASH_ESCAPES, (error) => {
      if (error) connection.destroy();
    });
  });
}
