import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Spelled out, not imported: a migration must keep doing what it did when the label changes. */
const COMPOSITE_SOURCE_LABEL = '综合典型案情编写（人物、金额为虚构）';

export class AddPromptTeachingNotesAndSourceKind1796394431957 implements MigrationInterface {
  name = 'AddPromptTeachingNotesAndSourceKind1796394431957';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`prompt\` ADD \`teaching_points\` text NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`prompt\` ADD \`discussion_question\` varchar(200) NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE \`prompt\` ADD \`discussion_answer\` varchar(400) NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE \`prompt\` ADD \`source_kind\` varchar(16) NOT NULL DEFAULT 'composite'`);
    await queryRunner.query(`ALTER TABLE \`prompt\` ADD \`source_issuer\` varchar(100) NOT NULL DEFAULT ''`);
    // Added by hand. A TEXT column takes '' in existing rows, which is not JSON: no teaching points yet.
    await queryRunner.query(`UPDATE \`prompt\` SET \`teaching_points\` = '[]'`);
    // "根据…改编" with a date named no bulletin anyone could find (the shipped library and the old
    // template example said so): those become composite cases, without the date. Any other source
    // with a date stays a bulletin whose issuer an editor must add before the prompt can be saved.
    await queryRunner.query(
      `UPDATE \`prompt\` SET \`source\` = ?, \`source_date\` = NULL WHERE \`source\` = '' OR \`source\` LIKE '根据%改编'`,
      [COMPOSITE_SOURCE_LABEL],
    );
    await queryRunner.query(
      `UPDATE \`prompt\` SET \`source_kind\` = 'bulletin' WHERE \`source\` <> ? AND \`source_date\` IS NOT NULL`,
      [COMPOSITE_SOURCE_LABEL],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`prompt\` DROP COLUMN \`source_issuer\``);
    await queryRunner.query(`ALTER TABLE \`prompt\` DROP COLUMN \`source_kind\``);
    await queryRunner.query(`ALTER TABLE \`prompt\` DROP COLUMN \`discussion_answer\``);
    await queryRunner.query(`ALTER TABLE \`prompt\` DROP COLUMN \`discussion_question\``);
    await queryRunner.query(`ALTER TABLE \`prompt\` DROP COLUMN \`teaching_points\``);
  }
}
