import { randomBytes } from 'node:crypto';
import type { AttemptSession } from '@campus/shared';
import { call } from './server-process';

export const ADMIN = { username: 'admin', password: 'Xitong-Guanli-26' };
export const NEW_PASSWORD = 'Proc2026pw';
/** The 初始密码 column of the class setUpExam imports. */
export const ROSTER_PASSWORD = 'Roster-Pw-2026';

/**
 * Logs in as a client would: a 503 (hash queue or admission full, which a loaded CI machine can
 * reach) is retried after a pause; any other refusal fails the test with what the server said.
 */
export async function login(base: string, username: string, password: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const res = await call<{ token: string }>(base, 'POST', '/auth/login', undefined, { username, password });
    if (res.status === 200) return res.body.token;
    if (res.status !== 503 || attempt === 5) {
      throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    await new Promise((r) => setTimeout(r, 500 * attempt));
  }
}

/**
 * Through the API of a running server: a class of students who have changed their initial
 * password, the starter bank, and a published 20-question exam for them.
 */
export async function setUpExam(
  base: string,
  students: number,
): Promise<{ admin: string; examId: number; usernames: string[] }> {
  const admin = await login(base, ADMIN.username, ADMIN.password);
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const usernames = Array.from({ length: students }, (_, i) => `F${tag}${String(i).padStart(3, '0')}`);
  const csv = [
    '学号/工号,姓名,身份,学院,班级,入学年份,初始密码',
    ...usernames.map((u) => `${u},考生${u},学生,故障学院,故障${tag}班,2026,${ROSTER_PASSWORD}`),
  ].join('\n');
  const form = new FormData();
  form.append('file', new Blob([csv]), 'students.csv');
  const imported = await fetch(`${base}/api/roster/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}` },
    body: form,
  });
  if (imported.status !== 201) throw new Error(`roster: ${imported.status} ${await imported.text()}`);
  await call(base, 'POST', '/questions/seed', admin);
  const now = Date.now();
  const exam = await call<{ id: number }>(base, 'POST', '/exams', admin, {
    title: `故障演练 ${tag}`,
    kind: 'regular',
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 3600_000).toISOString(),
    durationMinutes: 30,
    passScore: 60,
    maxAttempts: 0,
    audience: {},
    paper: {
      rules: [
        { type: 'single', count: 10, score: 5 },
        { type: 'judge', count: 10, score: 5 },
      ],
    },
    shuffleQuestions: true,
    shuffleOptions: true,
  });
  const published = await call(base, 'POST', `/exams/${exam.body.id}/publish`, admin);
  if (published.status !== 200) throw new Error(`publish: ${JSON.stringify(published.body)}`);
  return { admin, examId: exam.body.id, usernames };
}

/** First login with the roster's initial password, then the forced change. */
export async function studentToken(base: string, username: string): Promise<string> {
  const first = await login(base, username, ROSTER_PASSWORD);
  const changed = await call(base, 'POST', '/auth/password', first, {
    oldPassword: ROSTER_PASSWORD,
    newPassword: NEW_PASSWORD,
  });
  if (changed.status !== 204) throw new Error(`password change: ${changed.status}`);
  return login(base, username, NEW_PASSWORD);
}

export function start(base: string, token: string, examId: number) {
  return call<AttemptSession>(base, 'POST', `/exams/${examId}/attempts`, token);
}
