import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddSsoTicket1796424000000 implements MigrationInterface {
  name = 'AddSsoTicket1796424000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`sso_ticket\` (\`id\` int NOT NULL AUTO_INCREMENT, \`ticket_key\` varchar(64) NOT NULL, \`protocol\` varchar(8) NOT NULL, \`user_id\` int NULL, \`logged_out_at\` datetime(3) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_4c0b7640f8909cffb52b2fd26d\` (\`created_at\`), UNIQUE INDEX \`IDX_b29eb4bb31814cb09703a7b33e\` (\`ticket_key\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_b29eb4bb31814cb09703a7b33e\` ON \`sso_ticket\``);
    await queryRunner.query(`DROP INDEX \`IDX_4c0b7640f8909cffb52b2fd26d\` ON \`sso_ticket\``);
    await queryRunner.query(`DROP TABLE \`sso_ticket\``);
  }
}
