import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCoursesPromptsAlertsReportsStats1795772405802 implements MigrationInterface {
  name = 'AddCoursesPromptsAlertsReportsStats1795772405802';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`prompt\` (\`id\` int NOT NULL AUTO_INCREMENT, \`title\` varchar(100) NOT NULL, \`story\` text NOT NULL, \`warning_signs\` text NOT NULL, \`actions\` text NOT NULL, \`takeaway\` varchar(200) NOT NULL, \`fraud_type\` varchar(32) NOT NULL, \`tags\` text NOT NULL, \`source\` varchar(200) NOT NULL DEFAULT '', \`source_date\` date NULL, \`expires_at\` datetime(3) NULL, \`status\` varchar(16) NOT NULL DEFAULT 'active', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_f7fa571c91bee07937b8af4585\` (\`title\`), INDEX \`IDX_d5e1c33228e6f08a0aec19a740\` (\`status\`, \`fraud_type\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`prompt_delivery\` (\`id\` int NOT NULL AUTO_INCREMENT, \`prompt_id\` int NOT NULL, \`class_id\` int NOT NULL, \`teacher_id\` int NOT NULL, \`delivered_at\` datetime(3) NOT NULL, INDEX \`IDX_f865eabc5f54d3b669943bca58\` (\`teacher_id\`), INDEX \`IDX_5ee7676cb2102b5b1aa319f151\` (\`delivered_at\`), INDEX \`IDX_f663155b7f2ed5e5c31698e8ae\` (\`prompt_id\`, \`class_id\`), INDEX \`IDX_05e35de99b508bacb21d5d5844\` (\`class_id\`, \`delivered_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`course\` (\`id\` int NOT NULL AUTO_INCREMENT, \`title\` varchar(100) NOT NULL, \`description\` text NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'draft', \`required\` tinyint NOT NULL DEFAULT 0, \`deadline\` datetime(3) NULL, \`audience\` text NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_baccb82c6179dca139f6b8c768\` (\`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`course_chapter\` (\`id\` int NOT NULL AUTO_INCREMENT, \`course_id\` int NOT NULL, \`title\` varchar(100) NOT NULL, \`position\` int NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_1bb19ca1d42731ea73d9917208\` (\`course_id\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`course_completion\` (\`user_id\` int NOT NULL, \`course_id\` int NOT NULL, \`completed_at\` datetime(3) NOT NULL, INDEX \`IDX_e07f50c494a0f6f454232dddcc\` (\`course_id\`), PRIMARY KEY (\`user_id\`, \`course_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`lesson\` (\`id\` int NOT NULL AUTO_INCREMENT, \`course_id\` int NOT NULL, \`chapter_id\` int NOT NULL, \`title\` varchar(100) NOT NULL, \`kind\` varchar(16) NOT NULL, \`position\` int NOT NULL, \`html\` text NULL, \`video_file\` varchar(64) NULL, \`video_url\` varchar(500) NULL, \`duration_seconds\` int NULL, \`case_study\` text NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_5b2678a83db14ed1bfe89de577\` (\`course_id\`), INDEX \`IDX_9fd21a73a5250c7c4b6a089a3a\` (\`chapter_id\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`lesson_progress\` (\`user_id\` int NOT NULL, \`lesson_id\` int NOT NULL, \`course_id\` int NOT NULL, \`completed_at\` datetime(3) NULL, \`watched_seconds\` int NOT NULL DEFAULT '0', \`position\` double NOT NULL DEFAULT '0', \`duration_seconds\` int NULL, \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_c52d2c2969f4f5146f7b074674\` (\`course_id\`, \`user_id\`), PRIMARY KEY (\`user_id\`, \`lesson_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`letter\` (\`id\` int NOT NULL AUTO_INCREMENT, \`enrollment_year\` smallint NOT NULL, \`title\` varchar(100) NOT NULL, \`html\` text NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_97ac59a29f6e249dbf07546387\` (\`enrollment_year\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`letter_confirmation\` (\`user_id\` int NOT NULL, \`letter_id\` int NOT NULL, \`confirmed_at\` datetime(3) NOT NULL, INDEX \`IDX_ae1d06e1a27443271eefea4c88\` (\`letter_id\`), PRIMARY KEY (\`user_id\`, \`letter_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`stored_file\` (\`id\` int NOT NULL AUTO_INCREMENT, \`storage_key\` varchar(200) NOT NULL, \`original_name\` varchar(200) NOT NULL, \`mime_type\` varchar(100) NOT NULL, \`size\` int NOT NULL, \`uploaded_by\` int NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`audit_log\` (\`id\` int NOT NULL AUTO_INCREMENT, \`actor_id\` int NULL, \`actor_name\` varchar(64) NOT NULL, \`action\` varchar(64) NOT NULL, \`target_type\` varchar(32) NOT NULL, \`target_id\` varchar(64) NULL, \`summary\` varchar(500) NOT NULL, \`details\` text NULL, \`at\` datetime(3) NOT NULL, INDEX \`IDX_c7d3ae3160ef4430133acbe742\` (\`actor_id\`, \`at\`), INDEX \`IDX_a6b8adfa094785bf8ed30f2688\` (\`action\`, \`at\`), INDEX \`IDX_ba27cef5b8b2b1a756e06ebcc5\` (\`at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`alert\` (\`id\` int NOT NULL AUTO_INCREMENT, \`title\` varchar(100) NOT NULL, \`content\` text NOT NULL, \`level\` varchar(16) NOT NULL, \`audience\` text NOT NULL, \`publish_at\` datetime(3) NOT NULL, \`withdrawn_at\` datetime(3) NULL, \`withdrawn_by\` int NULL, \`link\` varchar(200) NULL, \`created_by\` int NULL, \`created_by_name\` varchar(64) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_4eed634e76d5de124a2edf7515\` (\`withdrawn_at\`, \`publish_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`alert_read\` (\`alert_id\` int NOT NULL, \`user_id\` int NOT NULL, \`read_at\` datetime(3) NOT NULL, INDEX \`IDX_79891277a7f3636068ec2e0680\` (\`user_id\`), PRIMARY KEY (\`alert_id\`, \`user_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`anti_fraud_app_report\` (\`user_id\` int NOT NULL, \`installed\` tinyint NOT NULL, \`registered\` tinyint NOT NULL, \`screenshot_file_id\` int NULL, \`reported_at\` datetime(3) NOT NULL, PRIMARY KEY (\`user_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`report_period\` (\`id\` int NOT NULL AUTO_INCREMENT, \`title\` varchar(100) NOT NULL, \`starts_on\` varchar(10) NOT NULL, \`ends_on\` varchar(10) NOT NULL, \`due_at\` datetime(3) NOT NULL, \`college_ids\` text NOT NULL, \`department_ids\` text NOT NULL, \`created_by\` int NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_2bcb7f602cec6e9f6ea5da3d16\` (\`due_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`unit_report\` (\`id\` int NOT NULL AUTO_INCREMENT, \`period_id\` int NULL, \`unit_kind\` varchar(16) NOT NULL, \`unit_id\` int NOT NULL, \`title\` varchar(100) NOT NULL, \`content\` text NOT NULL, \`incident\` tinyint NOT NULL DEFAULT 0, \`submitted_by\` int NOT NULL, \`submitted_by_name\` varchar(64) NOT NULL, \`submitted_at\` datetime(3) NOT NULL, \`edited_at\` datetime(3) NULL, \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`reviewed_at\` datetime(3) NULL, \`reviewed_by\` int NULL, \`reviewed_by_name\` varchar(64) NULL, INDEX \`IDX_d16addb31d430c9aac7ca56ede\` (\`submitted_at\`), INDEX \`IDX_a08d2abe617be36521d46f581f\` (\`unit_kind\`, \`unit_id\`), UNIQUE INDEX \`IDX_c04a312fd123c67fa69978b5fa\` (\`period_id\`, \`unit_kind\`, \`unit_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`report_attachment\` (\`id\` int NOT NULL AUTO_INCREMENT, \`report_id\` int NOT NULL, \`file_id\` int NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_2e7020b832424fe6ee6f3f6c9f\` (\`report_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`report_comment\` (\`id\` int NOT NULL AUTO_INCREMENT, \`report_id\` int NOT NULL, \`author_id\` int NOT NULL, \`author_name\` varchar(64) NOT NULL, \`from_office\` tinyint NOT NULL, \`body\` text NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_3d44a7b84f2c8ebd91bf0d543b\` (\`report_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`item_moment\` (\`exam_id\` int NOT NULL, \`question_id\` int NOT NULL, \`n\` int NOT NULL, \`sum_x\` double NOT NULL, \`sum_xx\` double NOT NULL, \`sum_t\` double NOT NULL, \`sum_tt\` double NOT NULL, \`sum_xt\` double NOT NULL, \`max_mark\` double NOT NULL, PRIMARY KEY (\`exam_id\`, \`question_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`item_moment_attempt\` (\`attempt_id\` int NOT NULL, \`exam_id\` int NOT NULL, \`batch\` varchar(36) NOT NULL, INDEX \`IDX_3581fcaf5c4810760849b553ea\` (\`batch\`), PRIMARY KEY (\`attempt_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`weekly_report\` (\`id\` int NOT NULL AUTO_INCREMENT, \`kind\` varchar(16) NOT NULL, \`slot\` varchar(40) NOT NULL, \`week_of\` varchar(10) NOT NULL, \`title\` varchar(100) NOT NULL, \`period_start\` datetime(3) NOT NULL, \`as_of\` datetime(3) NOT NULL, \`generated_at\` datetime(3) NOT NULL, \`generated_by\` int NULL, \`generated_by_name\` varchar(64) NULL, \`people\` int NOT NULL, \`awareness_rate\` double NOT NULL, \`awareness_change\` double NOT NULL, \`coverage_rate\` double NOT NULL, \`content\` json NOT NULL, INDEX \`IDX_1d9ddab894243da6441390df4a\` (\`as_of\`), UNIQUE INDEX \`IDX_bfc3f885d5e7e505f527765c40\` (\`slot\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE INDEX \`IDX_665febf1a72cb1345dc41ba5e0\` ON \`attempt_question\` (\`attempt_id\`, \`question_version_id\`, \`awarded\`, \`score\`)`,
    );
    await queryRunner.query(
      `ALTER TABLE \`prompt_delivery\` ADD CONSTRAINT \`FK_1677ab765709eab39e156427525\` FOREIGN KEY (\`prompt_id\`) REFERENCES \`prompt\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`prompt_delivery\` ADD CONSTRAINT \`FK_3b44b931c2537c1ae9feb72d528\` FOREIGN KEY (\`class_id\`) REFERENCES \`school_class\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`prompt_delivery\` ADD CONSTRAINT \`FK_f865eabc5f54d3b669943bca581\` FOREIGN KEY (\`teacher_id\`) REFERENCES \`user\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`course_chapter\` ADD CONSTRAINT \`FK_151fae625b50a8c170de8f6197e\` FOREIGN KEY (\`course_id\`) REFERENCES \`course\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`course_completion\` ADD CONSTRAINT \`FK_e07f50c494a0f6f454232dddcc0\` FOREIGN KEY (\`course_id\`) REFERENCES \`course\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`lesson\` ADD CONSTRAINT \`FK_cda7676f5f73f9b60650dd405f8\` FOREIGN KEY (\`chapter_id\`) REFERENCES \`course_chapter\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`lesson_progress\` ADD CONSTRAINT \`FK_980e74721039ebe210fee2eeca2\` FOREIGN KEY (\`lesson_id\`) REFERENCES \`lesson\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`letter_confirmation\` ADD CONSTRAINT \`FK_ae1d06e1a27443271eefea4c883\` FOREIGN KEY (\`letter_id\`) REFERENCES \`letter\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`alert_read\` ADD CONSTRAINT \`FK_331c3975cd7e990c04f8c8ebe1f\` FOREIGN KEY (\`alert_id\`) REFERENCES \`alert\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`alert_read\` ADD CONSTRAINT \`FK_79891277a7f3636068ec2e0680d\` FOREIGN KEY (\`user_id\`) REFERENCES \`user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`anti_fraud_app_report\` ADD CONSTRAINT \`FK_efe511e070c11e2e75ae593a1b9\` FOREIGN KEY (\`user_id\`) REFERENCES \`user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`anti_fraud_app_report\` ADD CONSTRAINT \`FK_7cfed65637366c0e000116e46b6\` FOREIGN KEY (\`screenshot_file_id\`) REFERENCES \`stored_file\`(\`id\`) ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`unit_report\` ADD CONSTRAINT \`FK_d28067533c8810a1e418f2390a3\` FOREIGN KEY (\`period_id\`) REFERENCES \`report_period\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`report_attachment\` ADD CONSTRAINT \`FK_2e7020b832424fe6ee6f3f6c9f2\` FOREIGN KEY (\`report_id\`) REFERENCES \`unit_report\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`report_attachment\` ADD CONSTRAINT \`FK_d804a570e5c767bde96b869016b\` FOREIGN KEY (\`file_id\`) REFERENCES \`stored_file\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`report_comment\` ADD CONSTRAINT \`FK_3d44a7b84f2c8ebd91bf0d543b4\` FOREIGN KEY (\`report_id\`) REFERENCES \`unit_report\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`report_comment\` DROP FOREIGN KEY \`FK_3d44a7b84f2c8ebd91bf0d543b4\``);
    await queryRunner.query(`ALTER TABLE \`report_attachment\` DROP FOREIGN KEY \`FK_d804a570e5c767bde96b869016b\``);
    await queryRunner.query(`ALTER TABLE \`report_attachment\` DROP FOREIGN KEY \`FK_2e7020b832424fe6ee6f3f6c9f2\``);
    await queryRunner.query(`ALTER TABLE \`unit_report\` DROP FOREIGN KEY \`FK_d28067533c8810a1e418f2390a3\``);
    await queryRunner.query(
      `ALTER TABLE \`anti_fraud_app_report\` DROP FOREIGN KEY \`FK_7cfed65637366c0e000116e46b6\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`anti_fraud_app_report\` DROP FOREIGN KEY \`FK_efe511e070c11e2e75ae593a1b9\``,
    );
    await queryRunner.query(`ALTER TABLE \`alert_read\` DROP FOREIGN KEY \`FK_79891277a7f3636068ec2e0680d\``);
    await queryRunner.query(`ALTER TABLE \`alert_read\` DROP FOREIGN KEY \`FK_331c3975cd7e990c04f8c8ebe1f\``);
    await queryRunner.query(`ALTER TABLE \`letter_confirmation\` DROP FOREIGN KEY \`FK_ae1d06e1a27443271eefea4c883\``);
    await queryRunner.query(`ALTER TABLE \`lesson_progress\` DROP FOREIGN KEY \`FK_980e74721039ebe210fee2eeca2\``);
    await queryRunner.query(`ALTER TABLE \`lesson\` DROP FOREIGN KEY \`FK_cda7676f5f73f9b60650dd405f8\``);
    await queryRunner.query(`ALTER TABLE \`course_completion\` DROP FOREIGN KEY \`FK_e07f50c494a0f6f454232dddcc0\``);
    await queryRunner.query(`ALTER TABLE \`course_chapter\` DROP FOREIGN KEY \`FK_151fae625b50a8c170de8f6197e\``);
    await queryRunner.query(`ALTER TABLE \`prompt_delivery\` DROP FOREIGN KEY \`FK_f865eabc5f54d3b669943bca581\``);
    await queryRunner.query(`ALTER TABLE \`prompt_delivery\` DROP FOREIGN KEY \`FK_3b44b931c2537c1ae9feb72d528\``);
    await queryRunner.query(`ALTER TABLE \`prompt_delivery\` DROP FOREIGN KEY \`FK_1677ab765709eab39e156427525\``);
    await queryRunner.query(`DROP INDEX \`IDX_665febf1a72cb1345dc41ba5e0\` ON \`attempt_question\``);
    await queryRunner.query(`DROP INDEX \`IDX_bfc3f885d5e7e505f527765c40\` ON \`weekly_report\``);
    await queryRunner.query(`DROP INDEX \`IDX_1d9ddab894243da6441390df4a\` ON \`weekly_report\``);
    await queryRunner.query(`DROP TABLE \`weekly_report\``);
    await queryRunner.query(`DROP INDEX \`IDX_3581fcaf5c4810760849b553ea\` ON \`item_moment_attempt\``);
    await queryRunner.query(`DROP TABLE \`item_moment_attempt\``);
    await queryRunner.query(`DROP TABLE \`item_moment\``);
    await queryRunner.query(`DROP INDEX \`IDX_3d44a7b84f2c8ebd91bf0d543b\` ON \`report_comment\``);
    await queryRunner.query(`DROP TABLE \`report_comment\``);
    await queryRunner.query(`DROP INDEX \`IDX_2e7020b832424fe6ee6f3f6c9f\` ON \`report_attachment\``);
    await queryRunner.query(`DROP TABLE \`report_attachment\``);
    await queryRunner.query(`DROP INDEX \`IDX_c04a312fd123c67fa69978b5fa\` ON \`unit_report\``);
    await queryRunner.query(`DROP INDEX \`IDX_a08d2abe617be36521d46f581f\` ON \`unit_report\``);
    await queryRunner.query(`DROP INDEX \`IDX_d16addb31d430c9aac7ca56ede\` ON \`unit_report\``);
    await queryRunner.query(`DROP TABLE \`unit_report\``);
    await queryRunner.query(`DROP INDEX \`IDX_2bcb7f602cec6e9f6ea5da3d16\` ON \`report_period\``);
    await queryRunner.query(`DROP TABLE \`report_period\``);
    await queryRunner.query(`DROP TABLE \`anti_fraud_app_report\``);
    await queryRunner.query(`DROP INDEX \`IDX_79891277a7f3636068ec2e0680\` ON \`alert_read\``);
    await queryRunner.query(`DROP TABLE \`alert_read\``);
    await queryRunner.query(`DROP INDEX \`IDX_4eed634e76d5de124a2edf7515\` ON \`alert\``);
    await queryRunner.query(`DROP TABLE \`alert\``);
    await queryRunner.query(`DROP INDEX \`IDX_ba27cef5b8b2b1a756e06ebcc5\` ON \`audit_log\``);
    await queryRunner.query(`DROP INDEX \`IDX_a6b8adfa094785bf8ed30f2688\` ON \`audit_log\``);
    await queryRunner.query(`DROP INDEX \`IDX_c7d3ae3160ef4430133acbe742\` ON \`audit_log\``);
    await queryRunner.query(`DROP TABLE \`audit_log\``);
    await queryRunner.query(`DROP TABLE \`stored_file\``);
    await queryRunner.query(`DROP INDEX \`IDX_ae1d06e1a27443271eefea4c88\` ON \`letter_confirmation\``);
    await queryRunner.query(`DROP TABLE \`letter_confirmation\``);
    await queryRunner.query(`DROP INDEX \`IDX_97ac59a29f6e249dbf07546387\` ON \`letter\``);
    await queryRunner.query(`DROP TABLE \`letter\``);
    await queryRunner.query(`DROP INDEX \`IDX_c52d2c2969f4f5146f7b074674\` ON \`lesson_progress\``);
    await queryRunner.query(`DROP TABLE \`lesson_progress\``);
    await queryRunner.query(`DROP INDEX \`IDX_9fd21a73a5250c7c4b6a089a3a\` ON \`lesson\``);
    await queryRunner.query(`DROP INDEX \`IDX_5b2678a83db14ed1bfe89de577\` ON \`lesson\``);
    await queryRunner.query(`DROP TABLE \`lesson\``);
    await queryRunner.query(`DROP INDEX \`IDX_e07f50c494a0f6f454232dddcc\` ON \`course_completion\``);
    await queryRunner.query(`DROP TABLE \`course_completion\``);
    await queryRunner.query(`DROP INDEX \`IDX_1bb19ca1d42731ea73d9917208\` ON \`course_chapter\``);
    await queryRunner.query(`DROP TABLE \`course_chapter\``);
    await queryRunner.query(`DROP INDEX \`IDX_baccb82c6179dca139f6b8c768\` ON \`course\``);
    await queryRunner.query(`DROP TABLE \`course\``);
    await queryRunner.query(`DROP INDEX \`IDX_05e35de99b508bacb21d5d5844\` ON \`prompt_delivery\``);
    await queryRunner.query(`DROP INDEX \`IDX_f663155b7f2ed5e5c31698e8ae\` ON \`prompt_delivery\``);
    await queryRunner.query(`DROP INDEX \`IDX_5ee7676cb2102b5b1aa319f151\` ON \`prompt_delivery\``);
    await queryRunner.query(`DROP INDEX \`IDX_f865eabc5f54d3b669943bca58\` ON \`prompt_delivery\``);
    await queryRunner.query(`DROP TABLE \`prompt_delivery\``);
    await queryRunner.query(`DROP INDEX \`IDX_d5e1c33228e6f08a0aec19a740\` ON \`prompt\``);
    await queryRunner.query(`DROP INDEX \`IDX_f7fa571c91bee07937b8af4585\` ON \`prompt\``);
    await queryRunner.query(`DROP TABLE \`prompt\``);
  }
}
