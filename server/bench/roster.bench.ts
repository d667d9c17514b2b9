/**
 * pnpm bench:roster [--rows 30000] [--json]
 * Generates a roster (.xlsx) of N students in 12 colleges and 600 classes, imports it into MariaDB
 * through the real HTTP route, and prints rows/s, total seconds and the process's peak RSS.
 * BENCH_DATABASE_URL (default mysql://root@127.0.0.1:3306/campus_bench) is emptied first.
 */
import 'reflect-metadata';
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.factory';
import { AppConfig } from '../src/config/app-config';
import { recreateMysqlDatabase } from '../src/database/mysql-admin';
import { multipart } from '../test/harness';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Streams the workbook to disk so generating it does not count toward the import's memory. */
async function buildRoster(rows: number, filename: string): Promise<Buffer> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useSharedStrings: true });
  const sheet = workbook.addWorksheet('花名册');
  sheet.addRow(['学号/工号', '姓名', '身份', '学院', '班级', '入学年份', '初始密码', '手机号', '授课班级']).commit();
  for (let i = 0; i < rows; i++) {
    const college = i % 12;
    const cls = i % 600;
    sheet
      .addRow([
        `2025${String(i).padStart(6, '0')}`,
        `学生${i}`,
        '学生',
        `第${college + 1}学院`,
        `第${college + 1}学院${cls}班`,
        2025,
        '',
        `139${String(i).padStart(8, '0')}`,
        '',
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
  return readFileSync(filename);
}

async function main(): Promise<void> {
  const rows = arg('rows', 30000);
  const json = process.argv.includes('--json');
  const url = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/campus_bench';
  await recreateMysqlDatabase(url);
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const file = await buildRoster(rows, join(dir, 'roster.xlsx'));
  const config = new AppConfig({
    DATABASE_URL: url,
    DATA_DIR: dir,
    DEMO_DATA: 'false',
    SEED_CONTENT: 'false',
    LOG_LEVEL: 'silent',
  });
  const app = await createApp(config, { logger: false });
  await app.init();
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  const login = await fastify.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: config.adminUsername, password: config.adminPassword },
  });
  const token = (JSON.parse(login.body) as { token: string }).token;

  global.gc?.();
  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const { payload, contentType } = multipart('file', 'roster.xlsx', file);
  const started = process.hrtime.bigint();
  const res = await fastify.inject({
    method: 'POST',
    url: '/api/roster/import?dryRun=false',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    payload,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const body = JSON.parse(res.body) as { created?: number };
  await app.close();
  if (res.statusCode !== 201 || body.created !== rows)
    throw new Error(`import failed: ${res.statusCode} ${res.body.slice(0, 500)}`);

  const result = {
    rows,
    seconds: round(seconds),
    rowsPerSecond: Math.round(rows / seconds),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
    baseRssMb: Math.round(baseRss / 1024 / 1024),
  };
  console.log(
    `roster import: ${rows} rows (${(file.length / 1024 / 1024).toFixed(1)} MB xlsx) into ${url.replace(/\/\/[^@]*@/, '//')}`,
  );
  console.log(
    `  total ${result.seconds} s · ${result.rowsPerSecond} rows/s · peak RSS ${result.peakRssMb} MB (${result.baseRssMb} MB before the upload)`,
  );
  if (json) console.log(JSON.stringify(result));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
