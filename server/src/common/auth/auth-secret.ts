import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { AppSetting } from '../../database/app-setting.entity';

const SETTING_KEY = 'auth_secret';

/**
 * The key that signs tokens and initial-password digests. Kept as a KeyObject: jsonwebtoken-style
 * HMAC with a string secret costs ≈ 580 µs a check here, with a KeyObject ≈ 15–40 µs
 * (PERFORMANCE-NOTES.md), and every request checks one.
 */
export class AuthSecret {
  constructor(readonly key: KeyObject) {}

  /**
   * AUTH_SECRET when given; otherwise one generated at first boot and kept where every instance of
   * the deployment finds it: beside the SQLite file, or in MySQL's app_setting table.
   */
  static async load(config: AppConfig, dataSource: DataSource): Promise<AuthSecret> {
    if (config.authSecret) return new AuthSecret(createSecretKey(Buffer.from(config.authSecret)));
    if (config.databaseKind === 'sqlite') {
      return new AuthSecret(createSecretKey(Buffer.from(config.readOrCreateFileSecret())));
    }
    const repo = dataSource.getRepository(AppSetting);
    // Two instances booting together: both try to insert, the first wins, both read the winner.
    await repo
      .createQueryBuilder()
      .insert()
      .values({ key: SETTING_KEY, value: randomBytes(32).toString('base64url') })
      .orIgnore()
      .execute();
    const row = await repo.findOneByOrFail({ key: SETTING_KEY });
    return new AuthSecret(createSecretKey(Buffer.from(row.value)));
  }
}
