import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SchedulerRegistry } from '@nestjs/schedule';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { AppConfig } from '../src/config/app-config';
import { recreateMysqlDatabase } from '../src/database/mysql-admin';

export const ADMIN = { username: 'admin', password: 'Xitong-Guanli-26' };

export interface TestResponse<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: T;
  raw: Buffer;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  payload?: Buffer;
  remoteAddress?: string;
}

/**
 * A whole application on a real, empty database: SQLite in a temporary folder, or — when the
 * environment has DATABASE_URL — MySQL/MariaDB, recreated and migrated for this test file.
 */
export class TestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly config: AppConfig,
    private readonly dataDir: string,
  ) {}

  static async start(
    env: Record<string, string> = {},
    options: { logDestination?: DestinationStream } = {},
  ): Promise<TestApp> {
    const dataDir = mkdtempSync(join(tmpdir(), 'campus-test-'));
    const databaseUrl = process.env.DATABASE_URL;
    if (databaseUrl) await recreateMysqlDatabase(databaseUrl);
    const config = new AppConfig({
      DATA_DIR: dataDir,
      DEMO_DATA: 'false',
      SEED_CONTENT: 'false',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      // Tests run the robots' outbox themselves (NotifyWorker.runOnce) with the test clock.
      NOTIFY_WORKER: 'false',
      // A test needs few connections, and some start several instances on one MariaDB (151 by default).
      DB_POOL_SIZE: '10',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...env,
    });
    const app = await createApp(config, {
      logger: process.env.TEST_LOG_LEVEL !== undefined || options.logDestination !== undefined,
      logDestination: options.logDestination,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    // Scheduled jobs fire by the wall clock (report-overdue every 10 minutes) and would act mid-test
    // on what the test clock has made overdue; tests call the jobs' own methods instead.
    for (const job of app.get(SchedulerRegistry).getCronJobs().values()) void job.stop();
    return new TestApp(app, config, dataDir);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource, { strict: false });
  }

  get<T>(token: abstract new (...args: never[]) => T): T {
    return this.app.get(token, { strict: false });
  }

  async request<T = unknown>(method: string, url: string, options: RequestOptions = {}): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | Buffer | undefined = options.payload;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(options.body);
    }
    const response = await this.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: method as 'GET',
        url,
        headers,
        payload,
        remoteAddress: options.remoteAddress ?? '10.0.0.1',
      });
    const raw = response.rawPayload;
    const type = String(response.headers['content-type'] ?? '');
    const body = (
      type.includes('json') && raw.length > 0 ? JSON.parse(raw.toString('utf8')) : raw.toString('utf8')
    ) as T;
    return { status: response.statusCode, headers: response.headers, body, raw };
  }

  async login(username: string, password: string): Promise<string> {
    const res = await this.request<{ token: string }>('POST', '/api/auth/login', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token;
  }

  adminToken(): Promise<string> {
    return this.login(ADMIN.username, ADMIN.password);
  }

  /** POST a file as multipart field `file`. */
  upload<T = unknown>(url: string, file: Buffer, filename: string, token: string): Promise<TestResponse<T>> {
    const { payload, contentType } = multipart('file', filename, file);
    return this.request<T>('POST', url, { token, payload, headers: { 'content-type': contentType } });
  }

  async close(): Promise<void> {
    await this.app.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export function multipart(field: string, filename: string, content: Buffer): { payload: Buffer; contentType: string } {
  const boundary = `----campus${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${encodeURIComponent(filename)}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}
