import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddQuestionBankAndExams1795768331732 implements MigrationInterface {
  name = 'AddQuestionBankAndExams1795768331732';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`attempt_question\` (\`attempt_id\` int NOT NULL, \`question_id\` int NOT NULL, \`question_version_id\` int NOT NULL, \`position\` smallint NOT NULL, \`option_order\` varchar(16) NOT NULL, \`score\` double NOT NULL, \`answer\` varchar(16) NULL, \`saved_at\` datetime(3) NULL, \`awarded\` double NULL, INDEX \`IDX_639ba9674aef92f9502b0e9541\` (\`question_id\`), PRIMARY KEY (\`attempt_id\`, \`question_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`exam_attempt\` (\`id\` int NOT NULL AUTO_INCREMENT, \`exam_id\` int NOT NULL, \`user_id\` int NOT NULL, \`attempt_no\` int NOT NULL, \`started_at\` datetime(3) NOT NULL, \`deadline\` datetime(3) NOT NULL, \`submitted_at\` datetime(3) NULL, \`auto_submitted\` tinyint NOT NULL DEFAULT 0, \`score\` double NULL, \`passed\` tinyint NULL, \`leave_count\` int NOT NULL DEFAULT '0', \`last_left_at\` datetime(3) NULL, INDEX \`IDX_06c2b379c63c7d72998f0d4323\` (\`submitted_at\`, \`deadline\`), INDEX \`IDX_0313f05b94086c91f0d6a3854d\` (\`user_id\`, \`exam_id\`), UNIQUE INDEX \`IDX_87cdca16ee671d17c336733201\` (\`exam_id\`, \`user_id\`, \`attempt_no\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`exam\` (\`id\` int NOT NULL AUTO_INCREMENT, \`title\` varchar(100) NOT NULL, \`description\` text NOT NULL, \`kind\` varchar(16) NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'draft', \`opens_at\` datetime(3) NOT NULL, \`closes_at\` datetime(3) NOT NULL, \`duration_minutes\` int NOT NULL, \`pass_score\` double NOT NULL, \`max_attempts\` int NOT NULL, \`audience\` text NOT NULL, \`paper\` text NOT NULL, \`shuffle_questions\` tinyint NOT NULL, \`shuffle_options\` tinyint NOT NULL, \`review_policy\` varchar(16) NOT NULL DEFAULT 'after_submit', \`leave_limit\` int NULL, \`total_score\` double NOT NULL, \`question_count\` int NOT NULL, \`published_at\` datetime(3) NULL, \`created_by\` int NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_84ddac4ccd3fc0e04d88bfde67\` (\`status\`, \`kind\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`wrong_question\` (\`user_id\` int NOT NULL, \`question_id\` int NOT NULL, \`wrong_count\` int NOT NULL DEFAULT '1', \`last_answer\` varchar(16) NOT NULL, \`last_wrong_at\` datetime(3) NOT NULL, \`mastered_at\` datetime(3) NULL, INDEX \`IDX_5303253f9a7c8927ccdce71e96\` (\`user_id\`, \`mastered_at\`), PRIMARY KEY (\`user_id\`, \`question_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`question_version\` (\`id\` int NOT NULL AUTO_INCREMENT, \`question_id\` int NOT NULL, \`version\` int NOT NULL, \`type\` varchar(16) NOT NULL, \`stem\` text NOT NULL, \`options\` text NOT NULL, \`answer\` text NOT NULL, \`analysis\` text NOT NULL, \`fraud_type\` varchar(32) NOT NULL, \`difficulty\` smallint NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_8408c595a8fa9956e2c1d3611c\` (\`question_id\`, \`version\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`question\` (\`id\` int NOT NULL AUTO_INCREMENT, \`type\` varchar(16) NOT NULL, \`stem\` text NOT NULL, \`stem_key\` varchar(191) NOT NULL, \`options\` text NOT NULL, \`answer\` text NOT NULL, \`analysis\` text NOT NULL, \`fraud_type\` varchar(32) NOT NULL, \`difficulty\` smallint NOT NULL, \`tags\` text NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'active', \`version\` int NOT NULL DEFAULT '1', \`current_version_id\` int NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_4894b7c996552bbe62f8153c60\` (\`stem_key\`), INDEX \`IDX_11fe382fa65caee1023dadba6a\` (\`fraud_type\`), INDEX \`IDX_810cf7d5278d78a1b61502e0c6\` (\`status\`, \`type\`, \`fraud_type\`, \`difficulty\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_810cf7d5278d78a1b61502e0c6\` ON \`question\``);
    await queryRunner.query(`DROP INDEX \`IDX_11fe382fa65caee1023dadba6a\` ON \`question\``);
    await queryRunner.query(`DROP INDEX \`IDX_4894b7c996552bbe62f8153c60\` ON \`question\``);
    await queryRunner.query(`DROP TABLE \`question\``);
    await queryRunner.query(`DROP INDEX \`IDX_8408c595a8fa9956e2c1d3611c\` ON \`question_version\``);
    await queryRunner.query(`DROP TABLE \`question_version\``);
    await queryRunner.query(`DROP INDEX \`IDX_5303253f9a7c8927ccdce71e96\` ON \`wrong_question\``);
    await queryRunner.query(`DROP TABLE \`wrong_question\``);
    await queryRunner.query(`DROP INDEX \`IDX_84ddac4ccd3fc0e04d88bfde67\` ON \`exam\``);
    await queryRunner.query(`DROP TABLE \`exam\``);
    await queryRunner.query(`DROP INDEX \`IDX_87cdca16ee671d17c336733201\` ON \`exam_attempt\``);
    await queryRunner.query(`DROP INDEX \`IDX_0313f05b94086c91f0d6a3854d\` ON \`exam_attempt\``);
    await queryRunner.query(`DROP INDEX \`IDX_06c2b379c63c7d72998f0d4323\` ON \`exam_attempt\``);
    await queryRunner.query(`DROP TABLE \`exam_attempt\``);
    await queryRunner.query(`DROP INDEX \`IDX_639ba9674aef92f9502b0e9541\` ON \`attempt_question\``);
    await queryRunner.query(`DROP TABLE \`attempt_question\``);
  }
}
