import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddQuestionExclusionGroup1796395631616 implements MigrationInterface {
  name = 'AddQuestionExclusionGroup1796395631616';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`question\` ADD \`exclusion_group\` varchar(40) NULL`);
    await queryRunner.query(`CREATE INDEX \`IDX_a3230d2bc729b01ac534a8cec0\` ON \`question\` (\`exclusion_group\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_a3230d2bc729b01ac534a8cec0\` ON \`question\``);
    await queryRunner.query(`ALTER TABLE \`question\` DROP COLUMN \`exclusion_group\``);
  }
}
