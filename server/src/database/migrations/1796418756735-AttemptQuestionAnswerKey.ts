import type { MigrationInterface, QueryRunner } from 'typeorm';
import { answerKeysOf, type StoredVersionAnswer } from '../answer-keys';

/**
 * Each attempt question keeps its answer key in the stored form of an answer, so the statistics
 * score an unclosed attempt with `answer = answer_key` instead of matching letters inside the
 * version's JSON. Existing rows are filled from their question version by the shared codec.
 */
export class AttemptQuestionAnswerKey1796418756735 implements MigrationInterface {
  name = 'AttemptQuestionAnswerKey1796418756735';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Existing rows get "" (the implicit default of a NOT NULL varchar), then their version's key.
    await queryRunner.query(`ALTER TABLE \`attempt_question\` ADD \`answer_key\` varchar(16) NOT NULL`);
    const versions = (await queryRunner.query(
      'SELECT `id`, `type`, `answer` FROM `question_version` WHERE `id` IN (SELECT DISTINCT `question_version_id` FROM `attempt_question`)',
    )) as StoredVersionAnswer[];
    if (versions.length === 0) return;
    await queryRunner.query(
      'CREATE TEMPORARY TABLE `answer_key_backfill` (`version_id` int NOT NULL PRIMARY KEY, `answer_key` varchar(16) NOT NULL)',
    );
    const keys = answerKeysOf(versions);
    for (let i = 0; i < keys.length; i += 1000) {
      const chunk = keys.slice(i, i + 1000);
      await queryRunner.query(
        `INSERT INTO \`answer_key_backfill\` (\`version_id\`, \`answer_key\`) VALUES ${chunk.map(() => '(?, ?)').join(', ')}`,
        chunk.flatMap((k) => [k.versionId, k.key]),
      );
    }
    await queryRunner.query(
      'UPDATE `attempt_question` aq JOIN `answer_key_backfill` b ON b.`version_id` = aq.`question_version_id` SET aq.`answer_key` = b.`answer_key`',
    );
    await queryRunner.query('DROP TEMPORARY TABLE `answer_key_backfill`');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`attempt_question\` DROP COLUMN \`answer_key\``);
  }
}
