import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddSchoolSettings1796393398558 implements MigrationInterface {
  name = 'AddSchoolSettings1796393398558';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`school_settings\` (\`id\` int NOT NULL, \`name\` varchar(60) NOT NULL, \`short_name\` varchar(20) NOT NULL DEFAULT '', \`security_phone\` varchar(30) NOT NULL, \`student_affairs_phone\` varchar(30) NOT NULL DEFAULT '', \`payment_channel\` varchar(300) NOT NULL, \`freshman_group_notice\` varchar(300) NOT NULL, \`website\` varchar(200) NOT NULL DEFAULT '', \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`school_settings\``);
  }
}
