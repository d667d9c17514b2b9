import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClassAdviser1796425000000 implements MigrationInterface {
  name = 'ClassAdviser1796425000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`school_class\` ADD \`adviser_id\` int NULL`);
    await queryRunner.query(`CREATE INDEX \`IDX_58e0dd49f8bb85f8d0b7ed8577\` ON \`school_class\` (\`adviser_id\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_58e0dd49f8bb85f8d0b7ed8577\` ON \`school_class\``);
    await queryRunner.query(`ALTER TABLE \`school_class\` DROP COLUMN \`adviser_id\``);
  }
}
