import type { AttemptSession } from '@campus/shared';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { AppConfig } from '../src/config/app-config';
import { recreateMysqlDatabase } from '../src/database/mysql-admin';
import { backup, restore } from '../src/ops/backup';
import { TestApp } from './harness';
import {
  createQuestion,
  enrolStudents,
  examInput,
  publishedExam,
  singleQuestion,
  student,
} from './factories/exam.factory';

/** What the restored database holds for the attempt: questionId → stored answer. */
async function restoredAnswers(config: AppConfig, attemptId: number): Promise<Map<number, string>> {
  const sql = 'SELECT question_id AS q, answer FROM attempt_question WHERE attempt_id = ? AND answer IS NOT NULL';
  if (config.databaseKind === 'sqlite') {
    const db = new Database(config.sqlitePath, { readonly: true });
    try {
      const rows = db.prepare(sql).all(attemptId) as Array<{ q: number; answer: string }>;
      return new Map(rows.map((r) => [r.q, r.answer]));
    } finally {
      db.close();
    }
  }
  const conn = await createConnection({ uri: config.databaseUrl! });
  try {
    const [rows] = await conn.query(sql, [attemptId]);
    return new Map((rows as Array<{ q: number; answer: string }>).map((r) => [Number(r.q), r.answer]));
  } finally {
    await conn.end();
  }
}

describe('backup and restore', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('restores into a fresh database every answer acknowledged before a backup taken mid-exam', async () => {
    const admin = await t.adminToken();
    const questions = [];
    for (let i = 0; i < 40; i++) questions.push(await createQuestion(t, admin, singleQuestion()));
    const exam = await publishedExam(t, admin, examInput({ paper: { questionIds: questions.map((q) => q.id) } }));
    const tokens = await enrolStudents(t, admin, [student('B2026001', '备份', '信息工程学院', '信息2601', '2026')]);
    const token = tokens.B2026001!;
    const session = (await t.request<AttemptSession>('POST', `/api/exams/${exam.id}/attempts`, { token })).body;

    // The student keeps answering while the backup runs; what was acknowledged before it started
    // must be in it.
    const acknowledgedBefore = new Set<number>();
    const backupState = { started: false };
    const answering = (async () => {
      for (const q of session.questions) {
        const res = await t.request('PUT', `/api/attempts/${session.attemptId}/answers/${q.id}`, {
          token,
          body: { answer: [q.options[0]!.key] },
        });
        expect(res.status).toBe(204);
        if (!backupState.started) acknowledgedBefore.add(q.id);
      }
    })();
    while (acknowledgedBefore.size < 15) await new Promise((r) => setTimeout(r, 5));
    backupState.started = true;
    const backupDir = await backup(t.config, mkdtempSync(join(tmpdir(), 'campus-backup-')));
    await answering;

    const target = t.config.databaseUrl
      ? new AppConfig({ DATABASE_URL: `${t.config.databaseUrl}_restored`, DATA_DIR: mkdtempSync(join(tmpdir(), 'r-')) })
      : new AppConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'campus-restored-')) });
    if (target.databaseUrl) await recreateMysqlDatabase(target.databaseUrl);
    await restore(target, backupDir);

    const restored = await restoredAnswers(target, session.attemptId);
    for (const id of acknowledgedBefore) expect(restored.has(id)).toBe(true);
    expect(restored.size).toBeGreaterThanOrEqual(acknowledgedBefore.size);
    // A second restore into the same, now full, database is refused without --force.
    await expect(restore(target, backupDir)).rejects.toThrow(/--force/);
  }, 120_000);
});
