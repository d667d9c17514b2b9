import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddUserLastLogin1796417669964 implements MigrationInterface {
  name = 'AddUserLastLogin1796417669964';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`user\` ADD \`last_login_at\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`user\` ADD \`last_login_method\` varchar(16) NULL`);
    await queryRunner.query(
      `CREATE INDEX \`IDX_1937cf4444daf617af07349c3b\` ON \`audit_log\` (\`target_type\`, \`target_id\`, \`at\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_1937cf4444daf617af07349c3b\` ON \`audit_log\``);
    await queryRunner.query(`ALTER TABLE \`user\` DROP COLUMN \`last_login_method\``);
    await queryRunner.query(`ALTER TABLE \`user\` DROP COLUMN \`last_login_at\``);
  }
}
