import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddQuickQuiz1796418111482 implements MigrationInterface {
  name = 'AddQuickQuiz1796418111482';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`prompt_quick_question\` (\`prompt_id\` int NOT NULL, \`question_id\` int NOT NULL, \`position\` smallint NOT NULL, PRIMARY KEY (\`prompt_id\`, \`question_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`quiz_round\` (\`id\` int NOT NULL AUTO_INCREMENT, \`prompt_id\` int NOT NULL, \`question_id\` int NOT NULL, \`question_version_id\` int NOT NULL, \`class_id\` int NOT NULL, \`teacher_id\` int NOT NULL, \`join_code\` varchar(8) NOT NULL, \`class_size\` int NOT NULL, \`started_at\` datetime(3) NOT NULL, \`closes_at\` datetime(3) NOT NULL, INDEX \`IDX_317b41b0f00c6e97aef633833f\` (\`teacher_id\`), INDEX \`IDX_0a0b7f679e47af4afcb26e604b\` (\`join_code\`, \`started_at\`), INDEX \`IDX_5d949c2d748003ab11b8764c3c\` (\`class_id\`, \`started_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`quiz_response\` (\`round_id\` int NOT NULL, \`user_id\` int NOT NULL, \`joined_at\` datetime(3) NOT NULL, \`answer\` varchar(16) NULL, \`correct\` tinyint NULL, \`answered_at\` datetime(3) NULL, PRIMARY KEY (\`round_id\`, \`user_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`prompt_quick_question\` ADD CONSTRAINT \`FK_419db4760894335a3d9e2f1e99a\` FOREIGN KEY (\`prompt_id\`) REFERENCES \`prompt\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`prompt_quick_question\` ADD CONSTRAINT \`FK_08f0155f3d839bc7f36f38d916d\` FOREIGN KEY (\`question_id\`) REFERENCES \`question\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`quiz_round\` ADD CONSTRAINT \`FK_a08fbcd87ddc7447e4006266306\` FOREIGN KEY (\`prompt_id\`) REFERENCES \`prompt\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`quiz_round\` ADD CONSTRAINT \`FK_33c4a80628d20553115f6eceab5\` FOREIGN KEY (\`question_version_id\`) REFERENCES \`question_version\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`quiz_round\` ADD CONSTRAINT \`FK_1706afbd5a9000149fc592e5679\` FOREIGN KEY (\`class_id\`) REFERENCES \`school_class\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`quiz_round\` ADD CONSTRAINT \`FK_317b41b0f00c6e97aef633833fe\` FOREIGN KEY (\`teacher_id\`) REFERENCES \`user\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`quiz_response\` ADD CONSTRAINT \`FK_dfb9d9bff0866d4e264eee512af\` FOREIGN KEY (\`round_id\`) REFERENCES \`quiz_round\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`quiz_response\` ADD CONSTRAINT \`FK_67aeb23e91dee00bb4ae3edae90\` FOREIGN KEY (\`user_id\`) REFERENCES \`user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`quiz_response\` DROP FOREIGN KEY \`FK_67aeb23e91dee00bb4ae3edae90\``);
    await queryRunner.query(`ALTER TABLE \`quiz_response\` DROP FOREIGN KEY \`FK_dfb9d9bff0866d4e264eee512af\``);
    await queryRunner.query(`ALTER TABLE \`quiz_round\` DROP FOREIGN KEY \`FK_317b41b0f00c6e97aef633833fe\``);
    await queryRunner.query(`ALTER TABLE \`quiz_round\` DROP FOREIGN KEY \`FK_1706afbd5a9000149fc592e5679\``);
    await queryRunner.query(`ALTER TABLE \`quiz_round\` DROP FOREIGN KEY \`FK_33c4a80628d20553115f6eceab5\``);
    await queryRunner.query(`ALTER TABLE \`quiz_round\` DROP FOREIGN KEY \`FK_a08fbcd87ddc7447e4006266306\``);
    await queryRunner.query(
      `ALTER TABLE \`prompt_quick_question\` DROP FOREIGN KEY \`FK_08f0155f3d839bc7f36f38d916d\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`prompt_quick_question\` DROP FOREIGN KEY \`FK_419db4760894335a3d9e2f1e99a\``,
    );
    await queryRunner.query(`DROP TABLE \`quiz_response\``);
    await queryRunner.query(`DROP INDEX \`IDX_5d949c2d748003ab11b8764c3c\` ON \`quiz_round\``);
    await queryRunner.query(`DROP INDEX \`IDX_0a0b7f679e47af4afcb26e604b\` ON \`quiz_round\``);
    await queryRunner.query(`DROP INDEX \`IDX_317b41b0f00c6e97aef633833f\` ON \`quiz_round\``);
    await queryRunner.query(`DROP TABLE \`quiz_round\``);
    await queryRunner.query(`DROP TABLE \`prompt_quick_question\``);
  }
}
