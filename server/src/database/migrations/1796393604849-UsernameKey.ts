import type { MigrationInterface, QueryRunner } from 'typeorm';
import { planUsernameKeys, type StoredUsername } from '../username-keys';

/**
 * 学号/工号 become one identity whatever their case and surrounding spaces (see User.usernameKey).
 * Existing accounts that would collide stop the upgrade with their names, before any change.
 */
export class UsernameKey1796393604849 implements MigrationInterface {
  name = 'UsernameKey1796393604849';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const users = (await queryRunner.query('SELECT `id`, `username` FROM `user`')) as StoredUsername[];
    const plan = planUsernameKeys(users);
    await queryRunner.query(`ALTER TABLE \`user\` ADD \`username_key\` varchar(32) NULL`);
    // One statement for the usual clean ASCII names; the few others (spaces, full-width characters)
    // are written one by one from the shared rule.
    await queryRunner.query('UPDATE `user` SET `username_key` = LOWER(`username`)');
    for (const row of plan.rows.filter((r) => !r.plainSqlSuffices)) {
      await queryRunner.query('UPDATE `user` SET `username` = ?, `username_key` = ? WHERE `id` = ?', [
        row.username,
        row.key,
        row.id,
      ]);
    }
    await queryRunner.query(`DROP INDEX \`IDX_78a916df40e02a9deb1c4b75ed\` ON \`user\``);
    await queryRunner.query(`ALTER TABLE \`user\` MODIFY \`username_key\` varchar(32) NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE \`user\` ADD UNIQUE INDEX \`IDX_145bd9b89097323c22aa757085\` (\`username_key\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`user\` DROP INDEX \`IDX_145bd9b89097323c22aa757085\``);
    await queryRunner.query(`ALTER TABLE \`user\` DROP COLUMN \`username_key\``);
    await queryRunner.query(`CREATE UNIQUE INDEX \`IDX_78a916df40e02a9deb1c4b75ed\` ON \`user\` (\`username\`)`);
  }
}
