import { randomBytes } from 'node:crypto';
import type { MyExamDto, SubmitResult } from '@campus/shared';
import { Redis } from 'ioredis';
import { RedisThrottleStore } from '../src/common/cluster/redis-throttle.store';
import { recreateMysqlDatabase } from '../src/database/mysql-admin';
import { call, startServerProcess, type ServerProcess } from './support/server-process';
import { login, NEW_PASSWORD, ROSTER_PASSWORD, setUpExam, start, studentToken } from './support/exam-setup';
import { waitFor } from './support/wait-for';

// Runs in the MariaDB pass (jest.config.js): two server processes share one database and Redis.
describe('two instances behind a load balancer', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let setup: Awaited<ReturnType<typeof setUpExam>>;

  beforeAll(async () => {
    await recreateMysqlDatabase(process.env.DATABASE_URL!);
    const env = {
      DATABASE_URL: process.env.DATABASE_URL!,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `test-${randomBytes(4).toString('hex')}:`,
    };
    a = await startServerProcess(3521, env);
    b = await startServerProcess(3522, env);
    setup = await setUpExam(a.url, 6);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([(a as ServerProcess | undefined)?.stop(), (b as ServerProcess | undefined)?.stop()]);
  });

  it('lets a student start on one instance, save on both and submit on the other', async () => {
    const token = await studentToken(a.url, setup.usernames[0]!);
    const session = (await start(a.url, token, setup.examId)).body;
    let saved = 0;
    for (const [i, q] of session.questions.entries()) {
      const base = i % 2 === 0 ? a.url : b.url;
      const res = await call(base, 'PUT', `/attempts/${session.attemptId}/answers/${q.id}`, token, {
        answer: [q.options[0]!.key],
      });
      expect(res.status).toBe(204);
      saved++;
    }
    const resumed = await start(b.url, token, setup.examId);
    expect(resumed.body.attemptId).toBe(session.attemptId);
    expect(Object.keys(resumed.body.answers)).toHaveLength(saved);
    const submitted = await call<SubmitResult>(b.url, 'POST', `/attempts/${session.attemptId}/submit`, token);
    const again = await call<SubmitResult>(a.url, 'POST', `/attempts/${session.attemptId}/submit`, token);
    expect(submitted.status).toBe(200);
    expect(again.body).toEqual(submitted.body);
  });

  it('shares the token signing secret: a token from one instance works on the other', async () => {
    const token = await studentToken(b.url, setup.usernames[1]!);
    expect((await call(a.url, 'GET', '/auth/me', token)).status).toBe(200);
  });

  it('ends old sessions on both instances at once after a password change', async () => {
    const token = await login(a.url, setup.usernames[1]!, NEW_PASSWORD);
    expect((await call(b.url, 'GET', '/auth/me', token)).status).toBe(200); // b caches the principal
    expect(
      (await call(a.url, 'POST', '/auth/password', token, { oldPassword: NEW_PASSWORD, newPassword: 'Another2026pw' }))
        .status,
    ).toBe(204);
    expect((await call(b.url, 'GET', '/auth/me', token)).status).toBe(401);
  });

  it("ends a disabled account's sessions on the other instance at once, and it cannot sign in there", async () => {
    const username = setup.usernames[4]!;
    const token = await studentToken(a.url, username);
    expect((await call(b.url, 'GET', '/auth/me', token)).status).toBe(200); // b caches the principal
    const found = await call<{ items: Array<{ id: number }> }>(a.url, 'GET', `/users?q=${username}`, setup.admin);
    const id = found.body.items[0]!.id;
    expect((await call(a.url, 'POST', `/users/${id}/disable`, setup.admin)).status).toBe(200);
    expect((await call(b.url, 'GET', '/auth/me', token)).status).toBe(401);
    const again = await call(b.url, 'POST', '/auth/login', undefined, { username, password: NEW_PASSWORD });
    expect(again.status).toBe(403);
    expect((await call(b.url, 'POST', `/users/${id}/enable`, setup.admin)).status).toBe(200);
    expect((await call(a.url, 'GET', '/auth/me', token)).status).toBe(401); // enabling does not revive it
    expect((await call(a.url, 'POST', '/auth/login', undefined, { username, password: NEW_PASSWORD })).status).toBe(
      200,
    );
  });

  it('unlocks an account on one instance that wrong passwords on both had paused (counts live in Redis)', async () => {
    const username = setup.usernames[5]!;
    await studentToken(a.url, username); // changes the roster password to NEW_PASSWORD
    for (let i = 0; i < 5; i++) {
      const base = i % 2 === 0 ? a.url : b.url;
      await call(base, 'POST', '/auth/login', undefined, { username, password: `wrong-${i}` });
    }
    expect((await call(b.url, 'POST', '/auth/login', undefined, { username, password: NEW_PASSWORD })).status).toBe(
      429,
    );
    const found = await call<{ items: Array<{ id: number }> }>(a.url, 'GET', `/users?q=${username}`, setup.admin);
    expect((await call(a.url, 'POST', `/users/${found.body.items[0]!.id}/unlock`, setup.admin)).status).toBe(204);
    expect((await call(b.url, 'POST', '/auth/login', undefined, { username, password: NEW_PASSWORD })).status).toBe(
      200,
    );
  });

  it('counts wrong passwords across both instances', async () => {
    const username = setup.usernames[2]!;
    for (let i = 0; i < 5; i++) {
      const base = i % 2 === 0 ? a.url : b.url;
      expect((await call(base, 'POST', '/auth/login', undefined, { username, password: `wrong-${i}` })).status).toBe(
        401,
      );
    }
    expect((await call(a.url, 'POST', '/auth/login', undefined, { username, password: 'wrong-again' })).status).toBe(
      429,
    );
    expect((await call(b.url, 'POST', '/auth/login', undefined, { username, password: ROSTER_PASSWORD })).status).toBe(
      429,
    );
  });

  it('counts wrong old passwords of a password change across both instances, like wrong logins', async () => {
    const username = setup.usernames[3]!;
    const token = await studentToken(a.url, username);
    for (let i = 0; i < 5; i++) {
      const base = i % 2 === 0 ? a.url : b.url;
      const res = await call(base, 'POST', '/auth/password', token, {
        oldPassword: `wrong-${i}-x`,
        newPassword: 'Another2026pw',
      });
      expect(res.status).toBe(400);
    }
    expect((await call(b.url, 'POST', '/auth/login', undefined, { username, password: NEW_PASSWORD })).status).toBe(
      429,
    );
  });

  it('lets one password check per account run at a time across instances (the lock lives in Redis)', async () => {
    const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const keyPrefix = `test-${randomBytes(4).toString('hex')}:`;
    const [r1, r2] = [new Redis(url, { keyPrefix }), new Redis(url, { keyPrefix })];
    try {
      const [one, two] = [new RedisThrottleStore(r1), new RedisThrottleStore(r2)];
      const now = Date.now();
      expect(await one.acquire('login:checking:x', 30_000, now)).toBe(true);
      expect(await two.acquire('login:checking:x', 30_000, now)).toBe(false);
      await two.release('login:checking:x'); // not its lock: changes nothing
      expect(await two.acquire('login:checking:x', 30_000, now)).toBe(false);
      await one.release('login:checking:x');
      expect(await two.acquire('login:checking:x', 30_000, now)).toBe(true);
    } finally {
      r1.disconnect();
      r2.disconnect();
    }
  });

  it("shows an exam published on one instance in the other instance's 我的考试 at once", async () => {
    const token = await login(b.url, setup.usernames[0]!, NEW_PASSWORD);
    const before = await call<MyExamDto[]>(b.url, 'GET', '/my/exams', token);
    const now = Date.now();
    const exam = await call<{ id: number }>(a.url, 'POST', '/exams', setup.admin, {
      title: '跨实例发布',
      kind: 'regular',
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 3600_000).toISOString(),
      durationMinutes: 10,
      passScore: 60,
      maxAttempts: 1,
      audience: {},
      paper: { rules: [{ type: 'judge', count: 5, score: 20 }] },
      shuffleQuestions: false,
      shuffleOptions: false,
    });
    expect(before.body.map((e) => e.id)).not.toContain(exam.body.id);
    await call(a.url, 'POST', `/exams/${exam.body.id}/publish`, setup.admin);
    // b drops its cached list when a announces the change (the TTL alone would take a minute).
    await waitFor(
      async () => (await call<MyExamDto[]>(b.url, 'GET', '/my/exams', token)).body.some((e) => e.id === exam.body.id),
      { timeoutMs: 5000, what: 'the published exam on the other instance' },
    );
  });

  it('manages a published exam on one instance and the other follows at once: window, 补考, close', async () => {
    const username = setup.usernames[0]!;
    const token = await login(b.url, username, NEW_PASSWORD);
    const now = Date.now();
    const created = await call<{ id: number }>(a.url, 'POST', '/exams', setup.admin, {
      title: '跨实例管理',
      kind: 'regular',
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 600_000).toISOString(),
      durationMinutes: 30,
      passScore: 60,
      maxAttempts: 1,
      audience: {},
      paper: { rules: [{ type: 'judge', count: 5, score: 20 }] },
      shuffleQuestions: false,
      shuffleOptions: false,
    });
    const examId = created.body.id;
    await call(a.url, 'POST', `/exams/${examId}/publish`, setup.admin);
    const onB = async () =>
      (await call<MyExamDto[]>(b.url, 'GET', '/my/exams', token)).body.find((e) => e.id === examId);
    /** b shows what a changed, once a's announcement has reached it (the TTL alone would take 30 s). */
    const bShows = (expected: Partial<MyExamDto>, what: string) =>
      waitFor(
        async () => {
          const seen = await onB();
          return seen !== undefined && Object.entries(expected).every(([k, v]) => seen[k as keyof MyExamDto] === v);
        },
        { timeoutMs: 5000, what },
      );
    // b has the exam and this student's (empty) grant cached now.
    await bShows({ maxAttempts: 1, durationMinutes: 30 }, 'the published exam on b');

    const first = await start(b.url, token, examId);
    await call(b.url, 'POST', `/attempts/${first.body.attemptId}/submit`, token);
    expect((await start(b.url, token, examId)).status).toBe(409);

    const closesAt = new Date(now + 7200_000).toISOString();
    expect((await call(a.url, 'PUT', `/exams/${examId}/window`, setup.admin, { closesAt })).status).toBe(200);
    const granted = await call(a.url, 'POST', `/exams/${examId}/exceptions`, setup.admin, {
      usernames: [username],
      extraMinutes: 10,
      extraAttempts: 1,
      reason: '补考',
    });
    expect(granted.status).toBe(200);
    await bShows({ closesAt, maxAttempts: 2, durationMinutes: 40, canStart: true }, 'the new window and 补考 on b');
    const second = await start(b.url, token, examId);
    expect(second.status).toBe(200);
    expect(new Date(second.body.deadline).getTime() - new Date(second.body.serverNow).getTime()).toBeGreaterThan(
      39 * 60_000,
    );

    const closed = await call<{ submittedAttempts: number }>(a.url, 'POST', `/exams/${examId}/close`, setup.admin);
    expect(closed.body.submittedAttempts).toBe(1);
    await bShows({ canStart: false, reason: '考试已结束' }, 'the closed exam on b');
    const q = second.body.questions[0]!;
    const save = await call(b.url, 'PUT', `/attempts/${second.body.attemptId}/answers/${q.id}`, token, {
      answer: [q.options[0]!.key],
    });
    expect(save.status).toBe(409);

    // Reset on a: b lets the student start again straight away (no stale count, no stale paper).
    const reset = await call(a.url, 'POST', `/exams/${examId}/attempts/${second.body.attemptId}/reset`, setup.admin, {
      reason: '重置测试',
    });
    expect(reset.status).toBe(204);
    expect((await onB())?.attemptsUsed).toBe(1);
  });
});
