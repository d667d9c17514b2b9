import { execFileSync, spawnSync } from 'node:child_process';
import { recreateMysqlDatabase } from '../../src/database/mysql-admin';
import { call, startServerProcess, type ServerProcess } from '../support/server-process';
import { setUpExam, start, studentToken } from '../support/exam-setup';

const DATABASE_URL = process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/campus_faults';
const PORT = 3532;

function mariadbUp(): boolean {
  return spawnSync('mysqladmin', ['-uroot', '-h127.0.0.1', 'ping'], { stdio: 'ignore' }).status === 0;
}

async function startMariadb(): Promise<void> {
  execFileSync('start-stop-daemon', ['--start', '--oknodo', '--background', '--exec', '/usr/sbin/mariadbd']);
  for (let i = 0; i < 120 && !mariadbUp(); i++) await new Promise((r) => setTimeout(r, 250));
}

async function stopMariadb(): Promise<void> {
  execFileSync('mysqladmin', ['-uroot', '-h127.0.0.1', 'shutdown']);
  for (let i = 0; i < 120 && mariadbUp(); i++) await new Promise((r) => setTimeout(r, 250));
}

/**
 * The database goes away for 10 s mid-exam: the API answers 503 quickly (never hangs, never a
 * 500), reconnects by itself afterwards, and no acknowledged answer is lost.
 */
describe('a database outage mid-exam', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    await recreateMysqlDatabase(DATABASE_URL);
    server = await startServerProcess(PORT, { DATABASE_URL });
  }, 120_000);
  afterAll(async () => {
    if (!mariadbUp()) await startMariadb();
    await (server as ServerProcess | undefined)?.stop(); // beforeAll may have failed before it started
  });

  it('answers 503 fast during the outage, recovers by itself, and keeps every acknowledged answer', async () => {
    const { examId, usernames } = await setUpExam(server.url, 8);
    const students = await Promise.all(
      usernames.map(async (u) => {
        const token = await studentToken(server.url, u);
        return { token, session: (await start(server.url, token, examId)).body };
      }),
    );
    const acknowledged = new Map<string, string>();
    const save = async (s: (typeof students)[number], i: number) => {
      const q = s.session.questions[i % s.session.questions.length]!;
      const key = q.options[i % q.options.length]!.key;
      const res = await call(
        server.url,
        'PUT',
        `/attempts/${s.session.attemptId}/answers/${q.id}`,
        s.token,
        { answer: [key] },
        15_000,
      );
      if (res.status === 204) acknowledged.set(`${s.session.attemptId}:${q.id}`, key);
      return res;
    };
    for (const s of students) await save(s, 0);

    await stopMariadb();
    const during: Array<{ status: number; ms: number }> = [];
    const outageStarted = Date.now();
    for (let i = 1; Date.now() - outageStarted < 10_000; i++) {
      const results = await Promise.all(students.map((s) => save(s, i)));
      during.push(...results.map((r) => ({ status: r.status, ms: r.ms })));
      during.push(await call(server.url, 'GET', '/auth/me', students[0]!.token, undefined, 15_000));
      await new Promise((r) => setTimeout(r, 200));
    }
    await startMariadb();

    expect(during.length).toBeGreaterThan(20);
    const statuses = new Set(during.map((d) => d.status));
    expect(statuses.has(500)).toBe(false);
    expect(statuses.has(0)).toBe(false);
    expect(during.filter((d) => d.status === 503).length).toBeGreaterThan(0);
    expect(Math.max(...during.map((d) => d.ms))).toBeLessThan(3000);

    // It reconnects without a restart.
    let healthy = false;
    for (let i = 0; i < 60 && !healthy; i++) {
      healthy = (await call(server.url, 'GET', '/health')).status === 200;
      if (!healthy) await new Promise((r) => setTimeout(r, 500));
    }
    expect(healthy).toBe(true);
    for (const s of students) expect((await save(s, 99)).status).toBe(204);

    for (const s of students) {
      const resumed = await start(server.url, s.token, examId);
      for (const [key, value] of acknowledged) {
        const [attemptId, questionId] = key.split(':');
        if (Number(attemptId) === s.session.attemptId) expect(resumed.body.answers[questionId!]).toEqual([value]);
      }
    }
  }, 180_000);
});
