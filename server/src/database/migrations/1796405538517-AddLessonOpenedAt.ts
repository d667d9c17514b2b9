import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddLessonOpenedAt1796405538517 implements MigrationInterface {
  name = 'AddLessonOpenedAt1796405538517';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`lesson_progress\` ADD \`opened_at\` datetime(3) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`lesson_progress\` DROP COLUMN \`opened_at\``);
  }
}
