import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddLifecycleAndFraudTally1796423556557 implements MigrationInterface {
  name = 'AddLifecycleAndFraudTally1796423556557';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`user\` ADD \`disabled_at\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`user\` ADD \`archived_at\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`user\` ADD \`anonymised_at\` datetime(3) NULL`);
    // Accounts disabled before this release: their retention period counts from their last change.
    await queryRunner.query(`UPDATE \`user\` SET \`disabled_at\` = \`updated_at\` WHERE \`disabled\` = 1`);
    await queryRunner.query(`ALTER TABLE \`exam_attempt\` ADD \`fraud_tally\` varchar(400) NULL`);
    await queryRunner.query(
      `CREATE INDEX \`IDX_exam_attempt_fraud_tally\` ON \`exam_attempt\` (\`exam_id\`, \`submitted_at\`, \`user_id\`, \`fraud_tally\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_exam_attempt_fraud_tally\` ON \`exam_attempt\``);
    await queryRunner.query(`ALTER TABLE \`exam_attempt\` DROP COLUMN \`fraud_tally\``);
    await queryRunner.query(`ALTER TABLE \`user\` DROP COLUMN \`anonymised_at\``);
    await queryRunner.query(`ALTER TABLE \`user\` DROP COLUMN \`archived_at\``);
    await queryRunner.query(`ALTER TABLE \`user\` DROP COLUMN \`disabled_at\``);
  }
}
