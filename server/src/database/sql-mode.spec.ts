import type { DataSource } from 'typeorm';
import { AppConfig, ConfigError } from '../config/app-config';
import { Sql } from './sql';

/** A MySQL data source whose server reports `mode`; the start stops before touching any pool. */
function sqlOnServerWithMode(mode: string): Sql {
  const dataSource = {
    options: { type: 'mariadb' },
    driver: {},
    query: async () => [{ mode }],
  } as unknown as DataSource;
  return new Sql(dataSource, new AppConfig({}));
}

describe('the database the platform starts on', () => {
  it('refuses a server that reads backslashes as text, naming the setting', async () => {
    const start = sqlOnServerWithMode('STRICT_TRANS_TABLES,NO_BACKSLASH_ESCAPES');
    await expect(start.onApplicationBootstrap()).rejects.toThrow(ConfigError);
    await expect(start.onApplicationBootstrap()).rejects.toThrow(/NO_BACKSLASH_ESCAPES/);
  });
});
