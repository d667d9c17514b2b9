import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddLetterOpen1796407997017 implements MigrationInterface {
  name = 'AddLetterOpen1796407997017';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`letter_open\` (\`user_id\` int NOT NULL, \`letter_id\` int NOT NULL, \`opened_at\` datetime(3) NOT NULL, PRIMARY KEY (\`user_id\`, \`letter_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`letter_open\` ADD CONSTRAINT \`FK_85050197cd6f2ba5c73062dbca3\` FOREIGN KEY (\`letter_id\`) REFERENCES \`letter\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`letter_open\` DROP FOREIGN KEY \`FK_85050197cd6f2ba5c73062dbca3\``);
    await queryRunner.query(`DROP TABLE \`letter_open\``);
  }
}
