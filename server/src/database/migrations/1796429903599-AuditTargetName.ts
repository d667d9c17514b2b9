import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditTargetName1796429903599 implements MigrationInterface {
  name = 'AuditTargetName1796429903599';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`audit_log\` ADD \`target_name\` varchar(200) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`audit_log\` DROP COLUMN \`target_name\``);
  }
}
