import { recreateMysqlDatabase } from '../../src/database/mysql-admin';
import { call, startServerProcess, type ServerProcess } from '../support/server-process';
import { setUpExam, start, studentToken } from '../support/exam-setup';

const DATABASE_URL = process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/campus_faults';
const PORT = 3531;
const ENV = { DATABASE_URL, AUTH_SECRET: 'faults-test-secret-that-is-long-enough-000' };

/**
 * kill -9 in the middle of an exam: every answer the API acknowledged is there after the restart,
 * each attempt resumes with its own deadline (so the true remaining time), and submissions complete.
 */
describe('a server crash mid-exam', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    await recreateMysqlDatabase(DATABASE_URL);
    server = await startServerProcess(PORT, ENV);
  }, 120_000);
  afterAll(() => (server as ServerProcess | undefined)?.stop()); // beforeAll may have failed before it started

  it('loses no acknowledged answer, resumes with the right remaining time, and submits', async () => {
    const { examId, usernames } = await setUpExam(server.url, 24);
    const students = await Promise.all(
      usernames.map(async (username) => {
        const token = await studentToken(server.url, username);
        const session = (await start(server.url, token, examId)).body;
        return { token, session };
      }),
    );

    // Every student answers question after question; each question is saved once, so what the
    // API acknowledged is exactly what must be stored.
    const acknowledged = new Map<string, string>();
    let crashed = false;
    const answering = Promise.all(
      students.map(async ({ token, session }) => {
        for (const q of session.questions) {
          if (crashed) return;
          const key = q.options[q.id % q.options.length]!.key;
          const res = await call(
            server.url,
            'PUT',
            `/attempts/${session.attemptId}/answers/${q.id}`,
            token,
            { answer: [key] },
            5000,
          );
          if (res.status === 204) acknowledged.set(`${session.attemptId}:${q.id}`, key);
        }
      }),
    );
    await new Promise((r) => setTimeout(r, 400));
    crashed = true;
    await server.crash();
    await answering;
    expect(acknowledged.size).toBeGreaterThan(0);

    server = await startServerProcess(PORT, ENV);
    const before = Date.now();
    let found = 0;
    for (const { token, session } of students) {
      const resumed = await start(server.url, token, examId);
      expect(resumed.status).toBe(200);
      expect(resumed.body.attemptId).toBe(session.attemptId);
      expect(resumed.body.deadline).toBe(session.deadline);
      const remaining = Date.parse(resumed.body.deadline) - Date.parse(resumed.body.serverNow);
      expect(remaining).toBeLessThanOrEqual(Date.parse(session.deadline) - Date.parse(session.serverNow));
      expect(remaining).toBeGreaterThan(Date.parse(session.deadline) - before - 60_000);
      for (const [id, keys] of Object.entries(resumed.body.answers)) {
        const expected = acknowledged.get(`${session.attemptId}:${id}`);
        if (expected) {
          expect(keys).toEqual([expected]);
          found++;
        }
      }
      const submitted = await call<{ score: number }>(
        server.url,
        'POST',
        `/attempts/${session.attemptId}/submit`,
        token,
      );
      expect(submitted.status).toBe(200);
    }
    expect(found).toBe(acknowledged.size);
  }, 180_000);
});
