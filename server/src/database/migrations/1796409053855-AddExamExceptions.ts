import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddExamExceptions1796409053855 implements MigrationInterface {
  name = 'AddExamExceptions1796409053855';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`exam_exception\` (\`id\` int NOT NULL AUTO_INCREMENT, \`exam_id\` int NOT NULL, \`user_id\` int NOT NULL, \`extra_minutes\` int NOT NULL DEFAULT '0', \`extra_attempts\` int NOT NULL DEFAULT '0', \`reason\` varchar(200) NOT NULL, \`granted_by\` int NULL, \`granted_by_name\` varchar(64) NOT NULL, \`granted_at\` datetime(3) NOT NULL, UNIQUE INDEX \`IDX_d64d76b72597a1dfa5c17a742e\` (\`exam_id\`, \`user_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_d64d76b72597a1dfa5c17a742e\` ON \`exam_exception\``);
    await queryRunner.query(`DROP TABLE \`exam_exception\``);
  }
}
