import { randomBytes } from 'node:crypto';
import type { AttemptSession } from '@campus/shared';
import { call } from './server-process';

export const ADMIN = { username: 'admin', password: 'Xitong-Guanli-26' };
export const NEW_PASSWORD = 'Proc2026pw';
/** The 初始密码 column of the class setUpExam imports. */
export const ROSTER_PASSWORD = 'Roster-Pw-2026';

/**
 * Calls as a client would: a 503 (hash queue or admission full, which a loaded CI machine can
 * reach) is retried after a growing pause; any other refusal fails the test with what the server said.
 */
async function callAdmitted<T>(
  base: string,
  what: string,
  expected: number,
  send: () => ReturnType<typeof call<T>>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const res = await send();
    if (res.status === expected) return res.body;
    if (res.status !== 503 || attempt === 8) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 500 * attempt));
  }
}

export async function login(base: string, username: string, password: string): Promise<string> {
  const body = await callAdmitted(base, `login ${username}`, 200, () =>
    call<{ token: string }>(base, 'POST', '/auth/login', undefined, { username, password }),
  );
  return body.token;
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
  // Loading the starter bank is one transaction of a few hundred statements: slow on a busy machine
  // or a cluster, and the exam below cannot be published without it.
  const seeded = await call(base, 'POST', '/questions/seed', admin, undefined, 90_000);
  if (seeded.status >= 300) throw new Error(`seed: ${seeded.status} ${JSON.stringify(seeded.body)}`);
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
  await callAdmitted(base, `password change ${username}`, 204, () =>
    call(base, 'POST', '/auth/password', first, { oldPassword: ROSTER_PASSWORD, newPassword: NEW_PASSWORD }),
  );
  return login(base, username, NEW_PASSWORD);
}

export function start(base: string, token: string, examId: number) {
  return call<AttemptSession>(base, 'POST', `/exams/${examId}/attempts`, token);
}
