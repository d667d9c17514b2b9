import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795767787874 implements MigrationInterface {
  name = 'Initial1795767787874';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`college\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(64) NOT NULL, \`code\` varchar(16) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_52bce0385776c662605a10e9c0\` (\`name\`), UNIQUE INDEX \`IDX_360aa59d22fa531d221284619d\` (\`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`department\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(64) NOT NULL, UNIQUE INDEX \`IDX_471da4b90e96c1ebe0af221e07\` (\`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`school_class\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(64) NOT NULL, \`college_id\` int NOT NULL, \`enrollment_year\` smallint NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_8b0d7736dbe71665176352d7e4\` (\`college_id\`), UNIQUE INDEX \`IDX_1351510ec3c2b405215e42ae8f\` (\`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`user\` (\`id\` int NOT NULL AUTO_INCREMENT, \`username\` varchar(32) NOT NULL, \`name\` varchar(64) NOT NULL, \`role\` varchar(16) NOT NULL, \`college_id\` int NULL, \`class_id\` int NULL, \`department_id\` int NULL, \`phone\` varchar(20) NULL, \`password_hash\` varchar(200) NOT NULL, \`must_change_password\` tinyint NOT NULL DEFAULT 1, \`token_version\` int NOT NULL DEFAULT '0', \`disabled\` tinyint NOT NULL DEFAULT 0, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_6620cd026ee2b231beac7cfe57\` (\`role\`), INDEX \`IDX_df6b6b8d9c1ad2e1ac22705790\` (\`college_id\`), INDEX \`IDX_241fcc163fef37b7105a303861\` (\`class_id\`), UNIQUE INDEX \`IDX_78a916df40e02a9deb1c4b75ed\` (\`username\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`teaching_assignment\` (\`teacher_id\` int NOT NULL, \`class_id\` int NOT NULL, INDEX \`IDX_95914eb90dd207484714453b75\` (\`class_id\`), PRIMARY KEY (\`teacher_id\`, \`class_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`app_setting\` (\`key\` varchar(64) NOT NULL, \`value\` text NOT NULL, PRIMARY KEY (\`key\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`school_class\` ADD CONSTRAINT \`FK_8b0d7736dbe71665176352d7e44\` FOREIGN KEY (\`college_id\`) REFERENCES \`college\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`user\` ADD CONSTRAINT \`FK_df6b6b8d9c1ad2e1ac22705790d\` FOREIGN KEY (\`college_id\`) REFERENCES \`college\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`user\` ADD CONSTRAINT \`FK_241fcc163fef37b7105a3038615\` FOREIGN KEY (\`class_id\`) REFERENCES \`school_class\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`user\` ADD CONSTRAINT \`FK_afd2c87bee70dd5557f48911e66\` FOREIGN KEY (\`department_id\`) REFERENCES \`department\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`teaching_assignment\` ADD CONSTRAINT \`FK_0e193a27206d9060d1c30fd7cfb\` FOREIGN KEY (\`teacher_id\`) REFERENCES \`user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`teaching_assignment\` ADD CONSTRAINT \`FK_95914eb90dd207484714453b75b\` FOREIGN KEY (\`class_id\`) REFERENCES \`school_class\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`teaching_assignment\` DROP FOREIGN KEY \`FK_95914eb90dd207484714453b75b\``);
    await queryRunner.query(`ALTER TABLE \`teaching_assignment\` DROP FOREIGN KEY \`FK_0e193a27206d9060d1c30fd7cfb\``);
    await queryRunner.query(`ALTER TABLE \`user\` DROP FOREIGN KEY \`FK_afd2c87bee70dd5557f48911e66\``);
    await queryRunner.query(`ALTER TABLE \`user\` DROP FOREIGN KEY \`FK_241fcc163fef37b7105a3038615\``);
    await queryRunner.query(`ALTER TABLE \`user\` DROP FOREIGN KEY \`FK_df6b6b8d9c1ad2e1ac22705790d\``);
    await queryRunner.query(`ALTER TABLE \`school_class\` DROP FOREIGN KEY \`FK_8b0d7736dbe71665176352d7e44\``);
    await queryRunner.query(`DROP TABLE \`app_setting\``);
    await queryRunner.query(`DROP INDEX \`IDX_95914eb90dd207484714453b75\` ON \`teaching_assignment\``);
    await queryRunner.query(`DROP TABLE \`teaching_assignment\``);
    await queryRunner.query(`DROP INDEX \`IDX_78a916df40e02a9deb1c4b75ed\` ON \`user\``);
    await queryRunner.query(`DROP INDEX \`IDX_241fcc163fef37b7105a303861\` ON \`user\``);
    await queryRunner.query(`DROP INDEX \`IDX_df6b6b8d9c1ad2e1ac22705790\` ON \`user\``);
    await queryRunner.query(`DROP INDEX \`IDX_6620cd026ee2b231beac7cfe57\` ON \`user\``);
    await queryRunner.query(`DROP TABLE \`user\``);
    await queryRunner.query(`DROP INDEX \`IDX_1351510ec3c2b405215e42ae8f\` ON \`school_class\``);
    await queryRunner.query(`DROP INDEX \`IDX_8b0d7736dbe71665176352d7e4\` ON \`school_class\``);
    await queryRunner.query(`DROP TABLE \`school_class\``);
    await queryRunner.query(`DROP INDEX \`IDX_471da4b90e96c1ebe0af221e07\` ON \`department\``);
    await queryRunner.query(`DROP TABLE \`department\``);
    await queryRunner.query(`DROP INDEX \`IDX_360aa59d22fa531d221284619d\` ON \`college\``);
    await queryRunner.query(`DROP INDEX \`IDX_52bce0385776c662605a10e9c0\` ON \`college\``);
    await queryRunner.query(`DROP TABLE \`college\``);
  }
}
