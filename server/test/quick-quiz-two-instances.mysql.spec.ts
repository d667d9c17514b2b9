import { randomBytes } from 'node:crypto';
import {
  FraudType,
  type ClassDto,
  type QuickQuestionDto,
  type QuickQuizRoundDto,
  type QuickQuizStudentDto,
} from '@campus/shared';
import { recreateMysqlDatabase } from '../src/database/mysql-admin';
import { singleQuestion } from './factories/exam.factory';
import { promptInput } from './factories/prompt.factory';
import { ROSTER_HEADER } from './factories/roster.factory';
import { call, startServerProcess, type ServerProcess } from './support/server-process';
import { login, ADMIN, ROSTER_PASSWORD, studentToken } from './support/exam-setup';

/** One open event stream with the arrival time of each event, read in the background. */
interface Stream<T> {
  events: Array<{ at: number; data: T }>;
  /** Resolves with the first event (already received or to come) that `match` accepts. */
  next(match: (data: T) => boolean, timeoutMs?: number): Promise<{ at: number; data: T }>;
  close(): void;
}

async function openStream<T>(url: string, token: string): Promise<Stream<T>> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events: Array<{ at: number; data: T }> = [];
  const waiters = new Set<() => void>();
  const reader = res.body!.getReader();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const line = block.split('\n').find((l) => l.startsWith('data: '));
          if (line) events.push({ at: performance.now(), data: JSON.parse(line.slice(6)) as T });
        }
        for (const wake of waiters) wake();
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    events,
    next(match, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = events.find((e) => match(e.data));
          if (!found) return false;
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const wake = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(
            new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.data))}`),
          );
        }, timeoutMs);
        waiters.add(wake);
        check();
      });
    },
    close: () => {
      // Cancelling the body closes the socket, so the server's shutdown does not wait for it.
      void reader.cancel().catch(() => undefined);
      controller.abort();
    },
  };
}

// Runs in the MariaDB pass (jest.config.js): two server processes share one database and Redis, as
// behind a load balancer; the projector watches one instance while the phones talk to the other.
describe('课堂快问 on two instances', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let teacher: string;
  let students: string[];
  let promptId: number;
  let question: QuickQuestionDto;
  let classId: number;

  beforeAll(async () => {
    await recreateMysqlDatabase(process.env.DATABASE_URL!);
    const env = {
      DATABASE_URL: process.env.DATABASE_URL!,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `test-${randomBytes(4).toString('hex')}:`,
    };
    a = await startServerProcess(3531, env);
    b = await startServerProcess(3532, env);

    const admin = await login(a.url, ADMIN.username, ADMIN.password);
    const tag = randomBytes(3).toString('hex').toUpperCase();
    const className = `快问${tag}班`;
    const usernames = [0, 1, 2].map((i) => `Q${tag}${i}`);
    const rows = [
      ROSTER_HEADER,
      ...usernames.map((u) => [u, `学生${u}`, '学生', '快问学院', className, '2026', ROSTER_PASSWORD, '', '']),
      [`T${tag}`, '快问老师', '教师', '快问学院', '', '', ROSTER_PASSWORD, '', className],
      [`S${tag}`, '学生处老师', '学校管理员', '', '', '', ROSTER_PASSWORD, '', ''],
    ];
    const form = new FormData();
    form.append('file', new Blob([rows.map((r) => r.join(',')).join('\n')]), 'school.csv');
    const imported = await fetch(`${a.url}/api/roster/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: form,
    });
    expect(imported.status).toBe(201);
    const school = await studentToken(a.url, `S${tag}`);
    teacher = await studentToken(a.url, `T${tag}`);
    students = [];
    for (const u of usernames) students.push(await studentToken(b.url, u));

    const q = await call<{ id: number }>(a.url, 'POST', '/questions', school, singleQuestion());
    expect(q.status).toBe(201);
    const prompt = await call<{ id: number }>(
      a.url,
      'POST',
      '/prompts',
      school,
      promptInput(FraudType.ImpersonateAuthority),
    );
    expect(prompt.status).toBe(201);
    promptId = prompt.body.id;
    const set = await call<QuickQuestionDto[]>(a.url, 'PUT', `/prompts/${promptId}/quick-questions`, school, {
      questionIds: [q.body.id],
    });
    expect(set.status).toBe(200);
    question = set.body[0]!;
    const classes = await call<ClassDto[]>(a.url, 'GET', '/classes', admin);
    classId = classes.body.find((c) => c.name === className)!.id;
  }, 180_000);
  afterAll(async () => {
    await Promise.all([(a as ServerProcess | undefined)?.stop(), (b as ServerProcess | undefined)?.stop()]);
  }, 120_000);

  it('shows an answer given on B on the projector of A within about a second, counts it once, refuses on B an answer after an early close on A, and reveals on A to the phone on B', async () => {
    const started = await call<QuickQuizRoundDto>(a.url, 'POST', '/quick-quiz/rounds', teacher, {
      promptId,
      questionId: question.questionId,
      classId,
      seconds: 30,
    });
    expect(started.status).toBe(201);
    const round = started.body;
    const projector = await openStream<QuickQuizRoundDto>(`${a.url}/api/quick-quiz/rounds/${round.id}/events`, teacher);
    const phone = await openStream<QuickQuizStudentDto>(
      `${b.url}/api/quick-quiz/rounds/${round.id}/events`,
      students[0]!,
    );
    try {
      // Each connection first hears the current state.
      expect((await projector.next(() => true)).data.counts).toMatchObject({ classSize: 3, answered: 0 });
      expect((await phone.next(() => true)).data.phase).toBe('open');

      const joined = await call<QuickQuizStudentDto>(b.url, 'POST', '/quick-quiz/join', students[0], {
        code: round.joinCode,
      });
      expect(joined.status).toBe(200);
      // A phone's answer to this round, through the given instance.
      const answer = <T>(url: string, token: string | undefined, keys: string[]) =>
        call<T>(url, 'POST', `/quick-quiz/rounds/${round.id}/answer`, token, { answer: keys });
      const answered = await answer<QuickQuizStudentDto>(b.url, students[0], ['B']);
      expect(answered.status).toBe(200);
      const answeredAt = performance.now();
      const seen = await projector.next((d) => d.counts.answered === 1, 5000);
      // One tick (1 s) plus the request's own time; a loaded CI machine gets a little slack.
      expect(seen.at - answeredAt).toBeLessThan(1600);

      // The same student again, through the other instance: refused, and the count stays one.
      const again = await answer(a.url, students[0], ['A']);
      expect(again.status).toBe(409);

      // A classmate joins on B, so B holds the round and its 30 s countdown in memory.
      const classmate = await call(b.url, 'POST', '/quick-quiz/join', students[1], { code: round.joinCode });
      expect(classmate.status).toBe(200);

      const closed = await call<QuickQuizRoundDto>(a.url, 'POST', `/quick-quiz/rounds/${round.id}/close`, teacher);
      expect(closed.status).toBe(200);
      const closedAt = performance.now();
      // Answered on B at once after the early close on A, whether or not B has heard of it yet: late.
      const late = await answer<{ message: string }>(b.url, students[1], ['B']);
      expect(late.status).toBe(409);
      expect(late.body.message).toMatch(/快问已经结束/);
      const result = await phone.next((d) => d.phase === 'closed', 5000);
      expect(result.at - closedAt).toBeLessThan(1600);
      expect(result.data.reveal).toMatchObject({ answer: ['B'], correct: true });
      expect(result.data.myAnswer).toEqual(['B']);

      const onB = await call<QuickQuizRoundDto>(b.url, 'GET', `/quick-quiz/rounds/${round.id}`, teacher);
      expect(onB.body.counts).toMatchObject({ joined: 2, answered: 1 });
      expect(onB.body.reveal).toMatchObject({ answer: ['B'], correct: 1 });
      expect(Object.values(onB.body.reveal!.distribution).reduce((s, n) => s + n, 0)).toBe(1);
      // The projector on A ends with the same figures.
      const last = await projector.next((d) => d.phase === 'closed', 5000);
      expect(last.data.counts.answered).toBe(1);
    } finally {
      projector.close();
      phone.close();
    }
  });
});
