import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddGroupRobotsAndOutbox1796418590824 implements MigrationInterface {
  name = 'AddGroupRobotsAndOutbox1796418590824';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`notify_channel\` (\`id\` int NOT NULL AUTO_INCREMENT, \`college_id\` int NULL, \`platform\` varchar(16) NOT NULL, \`name\` varchar(60) NOT NULL, \`webhook_url\` varchar(500) NOT NULL, \`secret\` varchar(200) NULL, \`enabled\` tinyint NOT NULL DEFAULT 1, \`created_by\` int NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_f4ea7d407be303f95669f046f2\` (\`college_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`notify_outbox\` (\`id\` int NOT NULL AUTO_INCREMENT, \`idempotency_key\` varchar(160) NOT NULL, \`kind\` varchar(24) NOT NULL, \`subject\` varchar(100) NOT NULL, \`channel_id\` int NULL, \`college_id\` int NULL, \`title\` varchar(200) NOT NULL, \`message\` text NOT NULL, \`status\` varchar(16) NOT NULL, \`attempts\` int NOT NULL DEFAULT '0', \`due_at\` datetime(3) NOT NULL, \`next_attempt_at\` datetime(3) NOT NULL, \`lease_until\` datetime(3) NULL, \`lease_token\` varchar(40) NULL, \`last_error\` varchar(500) NULL, \`delivered_at\` datetime(3) NULL, \`created_by\` int NULL, \`created_by_name\` varchar(64) NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`IDX_2849458ebaa839c0d27e6d0796\` (\`subject\`), INDEX \`IDX_ef28f26beac85a5155bfa1e15f\` (\`channel_id\`, \`created_at\`), INDEX \`IDX_ae3233eaeaa7fae6bfb7822056\` (\`status\`, \`next_attempt_at\`), UNIQUE INDEX \`IDX_7814c9225d5c936985034c672d\` (\`idempotency_key\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_7814c9225d5c936985034c672d\` ON \`notify_outbox\``);
    await queryRunner.query(`DROP INDEX \`IDX_ae3233eaeaa7fae6bfb7822056\` ON \`notify_outbox\``);
    await queryRunner.query(`DROP INDEX \`IDX_ef28f26beac85a5155bfa1e15f\` ON \`notify_outbox\``);
    await queryRunner.query(`DROP INDEX \`IDX_2849458ebaa839c0d27e6d0796\` ON \`notify_outbox\``);
    await queryRunner.query(`DROP TABLE \`notify_outbox\``);
    await queryRunner.query(`DROP INDEX \`IDX_f4ea7d407be303f95669f046f2\` ON \`notify_channel\``);
    await queryRunner.query(`DROP TABLE \`notify_channel\``);
  }
}
