/**
 * Writes a new MySQL migration with the difference between the entities and the schema that the
 * existing migrations produce. Usage: pnpm --filter ./server migration:generate AddExams
 * Uses MIGRATION_DATABASE_URL (default mysql://root@127.0.0.1:3306/campus_migrations), which it empties.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { detectMysqlFlavour, recreateMysqlDatabase } from '../src/database/mysql-admin';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name))
    throw new Error('Give the migration a PascalCase name, e.g. AddExams');
  const url = process.env.MIGRATION_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/campus_migrations';
  await recreateMysqlDatabase(url);
  const dataSource = new DataSource({
    ...dataSourceOptions(new AppConfig({ DATABASE_URL: url }), await detectMysqlFlavour(url)),
    migrationsRun: false,
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  const sql = await dataSource.driver.createSchemaBuilder().log();
  await dataSource.destroy();
  if (sql.upQueries.length === 0) {
    console.log('The entities and the migrations agree: nothing to generate.');
    return;
  }
  const timestamp = Date.now();
  const quote = (q: string) => '`' + q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
  const up = sql.upQueries.map((q) => `    await queryRunner.query(${quote(q.query)});`).join('\n');
  const down = [...sql.downQueries]
    .reverse()
    .map((q) => `    await queryRunner.query(${quote(q.query)});`)
    .join('\n');
  const file = join(__dirname, '../src/database/migrations', `${timestamp}-${name}.ts`);
  writeFileSync(
    file,
    `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down}
  }
}
`,
  );
  console.log(`Wrote ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
