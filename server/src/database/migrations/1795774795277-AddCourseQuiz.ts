import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCourseQuiz1795774795277 implements MigrationInterface {
  name = 'AddCourseQuiz1795774795277';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`course\` ADD \`quiz_exam_id\` int NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`course\` DROP COLUMN \`quiz_exam_id\``);
  }
}
