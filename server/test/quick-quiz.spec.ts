import {
  FraudType,
  Role,
  type ApiErrorBody,
  type ClassDto,
  type PromptCoverageDto,
  type QuickQuestionDto,
  type QuickQuizRoundDto,
  type QuickQuizRoundSummary,
  type QuickQuizStudentDto,
  type WrongQuestionDto,
  type Page,
} from '@campus/shared';
import type { AddressInfo } from 'node:net';
import { PasswordHasher } from '../src/common/auth/password-hasher';
import { ExamCache } from '../src/modules/exams/exam-cache';
import { Exam } from '../src/modules/exams/exam.entity';
import { User } from '../src/modules/users/user.entity';
import { TestApp } from './harness';
import {
  createQuestion,
  examInput,
  judgeQuestion,
  multipleQuestion,
  publishedExam,
  singleQuestion,
} from './factories/exam.factory';
import { createPrompt, promptInput } from './factories/prompt.factory';
import { collegeAdmin, rosterCsvUtf8, student, teacher } from './factories/roster.factory';
import { testClock, type TestClock } from './support/test-clock';
import { waitFor } from './support/wait-for';
import { Sql } from '../src/database/sql';
import { wrongAnswersUpsert } from '../src/modules/exams/wrong-book';

const PASSWORD = 'Kuaiwen-2026';

/** Reads server-sent events from a real socket until `until` accepts one (or the time runs out). */
async function readEvents<T>(
  url: string,
  token: string,
  until: (events: T[]) => boolean,
  timeoutMs = 8000,
  /** Filled as events arrive, for a test that acts once the stream has said something. */
  events: T[] = [],
): Promise<T[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    while (!until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      if (process.env.SSE_DEBUG) console.log(JSON.stringify(buffer));
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((line) => line.startsWith('data: '));
        if (data) events.push(JSON.parse(data.slice(6)) as T);
      }
    }
    return events;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

describe('课堂快问', () => {
  let t: TestApp;
  let clock: TestClock;
  let school: string;
  let teacherA: string;
  let teacherB: string;
  let collegeJia: string;
  let collegeYi: string;
  const students: Record<string, string> = {};
  let jia1: number;
  let jia2: number;
  let promptId: number;
  let single: QuickQuestionDto;
  let judge: QuickQuestionDto;
  let baseUrl: string;

  beforeAll(async () => {
    t = await TestApp.start();
    clock = testClock(t);
    const admin = await t.adminToken();
    const file = rosterCsvUtf8([
      student('2026700101', '快问甲一', '甲学院', '甲2026-1班'),
      student('2026700102', '快问甲二', '甲学院', '甲2026-1班'),
      student('2026700103', '快问甲三', '甲学院', '甲2026-1班'),
      student('2026700201', '快问甲四', '甲学院', '甲2026-2班'),
      student('2026710101', '快问乙一', '乙学院', '乙2026-1班'),
      teacher('T7001', '甲院授课老师', '甲学院', '甲2026-1班'),
      teacher('T7002', '甲院其他老师', '甲学院', '甲2026-2班'),
      collegeAdmin('XY7001', '甲院管理员', '甲学院'),
      collegeAdmin('XY7101', '乙院管理员', '乙学院'),
      ['XS7001', '学生处老师', '学校管理员', '', '', '', '', '', ''],
    ]);
    expect((await t.upload('/api/roster/import', file, 'school.csv', admin)).status).toBe(201);
    const hash = await t.get(PasswordHasher).hash(PASSWORD);
    await t.dataSource
      .getRepository(User)
      .createQueryBuilder()
      .update()
      .set({ passwordHash: hash, mustChangePassword: false })
      .where('role != :r', { r: Role.Sysadmin })
      .execute();
    school = await t.login('XS7001', PASSWORD);
    teacherA = await t.login('T7001', PASSWORD);
    teacherB = await t.login('T7002', PASSWORD);
    collegeJia = await t.login('XY7001', PASSWORD);
    collegeYi = await t.login('XY7101', PASSWORD);
    for (const u of ['2026700101', '2026700102', '2026700103', '2026700201', '2026710101'])
      students[u] = await t.login(u, PASSWORD);
    const classes = (await t.request<ClassDto[]>('GET', '/api/classes', { token: admin })).body;
    jia1 = classes.find((c) => c.name === '甲2026-1班')!.id;
    jia2 = classes.find((c) => c.name === '甲2026-2班')!.id;

    const q1 = await createQuestion(t, school, singleQuestion());
    const q2 = await createQuestion(t, school, judgeQuestion('F'));
    promptId = (await createPrompt(t, school, promptInput(FraudType.ImpersonateAuthority))).id;
    const set = await t.request<QuickQuestionDto[]>('PUT', `/api/prompts/${promptId}/quick-questions`, {
      token: school,
      body: { questionIds: [q1.id, q2.id] },
    });
    expect(set.status).toBe(200);
    single = set.body[0]!;
    judge = set.body[1]!;
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    // Streams the test aborted may leave a socket half-open; the server must not wait for them.
    t.app.getHttpServer().closeAllConnections();
    await t.close();
  });

  const start = (token: string, body: Record<string, unknown>) =>
    t.request<QuickQuizRoundDto & ApiErrorBody>('POST', '/api/quick-quiz/rounds', { token, body });
  const join = (username: string, code: string) =>
    t.request<QuickQuizStudentDto & ApiErrorBody>('POST', '/api/quick-quiz/join', {
      token: students[username],
      body: { code },
    });
  const answer = (username: string, id: number, keys: string[]) =>
    t.request<QuickQuizStudentDto & ApiErrorBody>('POST', `/api/quick-quiz/rounds/${id}/answer`, {
      token: students[username],
      body: { answer: keys },
    });
  const view = (token: string, id: number) =>
    t.request<QuickQuizRoundDto & ApiErrorBody>('GET', `/api/quick-quiz/rounds/${id}`, { token });

  it('keeps a prompt to two single-choice or true/false questions of the bank, set by the library managers only', async () => {
    const multi = await createQuestion(t, school, multipleQuestion());
    const refused = await t.request<ApiErrorBody>('PUT', `/api/prompts/${promptId}/quick-questions`, {
      token: school,
      body: { questionIds: [multi.id] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('多选题');
    const tooMany = await t.request('PUT', `/api/prompts/${promptId}/quick-questions`, {
      token: school,
      body: { questionIds: [single.questionId, judge.questionId, multi.id] },
    });
    expect(tooMany.status).toBe(400);
    expect(
      (
        await t.request('PUT', `/api/prompts/${promptId}/quick-questions`, {
          token: teacherA,
          body: { questionIds: [] },
        })
      ).status,
    ).toBe(403);
    const listed = await t.request<QuickQuestionDto[]>('GET', `/api/prompts/${promptId}/quick-questions`, {
      token: teacherA,
    });
    expect(listed.body.map((q) => q.questionId)).toEqual([single.questionId, judge.questionId]);
    expect(JSON.stringify(listed.body)).not.toContain('"answer"');
  });

  it('lets only a teacher of the class start a round, and only with one of the prompt’s questions', async () => {
    expect((await start(teacherB, { promptId, questionId: single.questionId, classId: jia1 })).status).toBe(403);
    expect((await start(collegeJia, { promptId, questionId: single.questionId, classId: jia1 })).status).toBe(403);
    const other = await createQuestion(t, school, singleQuestion());
    const notCarried = await start(teacherA, { promptId, questionId: other.id, classId: jia1 });
    expect(notCarried.status).toBe(400);
    expect((await start(teacherA, { promptId, questionId: single.questionId, classId: jia1, seconds: 5 })).status).toBe(
      400,
    );
  });

  it('takes one answer per student of the class, refuses other classes and late answers, and reveals only after the close', async () => {
    const started = await start(teacherA, { promptId, questionId: single.questionId, classId: jia1, seconds: 30 });
    expect(started.status).toBe(201);
    const round = started.body;
    expect(round.joinCode).toMatch(/^\d{6}$/);
    expect(round.counts).toEqual({ classSize: 3, joined: 0, answered: 0 });
    expect(round.reveal).toBeNull();

    const joined = await join('2026700101', round.joinCode);
    expect(joined.status).toBe(200);
    expect(joined.body.question.stem).toBe(single.stem);
    expect(JSON.stringify(joined.body)).not.toMatch(/"answer":\["B"\]|解析|analysis":"[^"]/);
    // Another class's student, even of the same college, cannot join or answer.
    expect((await join('2026700201', round.joinCode)).status).toBe(403);
    expect((await answer('2026700201', round.id, ['B'])).status).toBe(403);
    expect((await join('2026700101', '000000')).status === 404 || round.joinCode === '000000').toBe(true);

    expect((await answer('2026700101', round.id, ['B'])).status).toBe(200);
    const again = await answer('2026700101', round.id, ['A']);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('只能答一次');
    // Answering without joining first still counts once.
    expect((await answer('2026700102', round.id, ['A'])).status).toBe(200);
    expect((await answer('2026700102', round.id, ['B'])).status).toBe(409);
    const bad = await answer('2026700103', round.id, ['Z']);
    expect(bad.status).toBe(400);

    const open = await view(teacherA, round.id);
    expect(open.body.counts).toEqual({ classSize: 3, joined: 2, answered: 2 });
    expect(open.body.reveal).toBeNull();

    clock.advance(31);
    const late = await answer('2026700103', round.id, ['B']);
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('已经结束');

    const closed = await view(teacherA, round.id);
    expect(closed.body.phase).toBe('closed');
    expect(closed.body.reveal).toMatchObject({ answer: ['B'], correct: 1 });
    expect(closed.body.reveal!.distribution).toMatchObject({ A: 1, B: 1, C: 0, D: 0 });
    expect(closed.body.counts.answered).toBe(2);

    const mine = await t.request<QuickQuizStudentDto>('GET', `/api/quick-quiz/rounds/${round.id}/mine`, {
      token: students['2026700102'],
    });
    expect(mine.body.reveal).toMatchObject({ answer: ['B'], correct: false });
    expect(mine.body.myAnswer).toEqual(['A']);

    // The wrong answer is in the student's 错题本 (practice only), the right one is not.
    const wrongBook = (username: string) =>
      t.request<Page<WrongQuestionDto>>('GET', '/api/my/wrong-questions', { token: students[username] });
    expect((await wrongBook('2026700102')).body.items.map((w) => w.questionId)).toContain(single.questionId);
    expect((await wrongBook('2026700101')).body.items.map((w) => w.questionId)).not.toContain(single.questionId);

    // The 错题本 write is a hot statement, tried again after a lost connection: the same moment
    // counts once, a later wrong answer once more.
    const sql = t.get(Sql);
    const [student] = await t.dataSource.query<Array<{ id: number }>>(
      "SELECT id FROM user WHERE username = '2026700102'",
    );
    const count = async () =>
      Number(
        (
          await t.dataSource.query<Array<{ n: number }>>(
            'SELECT wrong_count AS n FROM wrong_question WHERE user_id = ? AND question_id = ?',
            [student!.id, single.questionId],
          )
        )[0]!.n,
      );
    const before = await count();
    const recordWrongAt = (at: Date) => {
      const upsert = wrongAnswersUpsert(sql, student!.id, [{ questionId: single.questionId, answer: 'A' }], at);
      return sql.hotExecute(upsert.text, upsert.params);
    };
    const later = new Date(clock.now().getTime() + 60_000);
    await recordWrongAt(later);
    await recordWrongAt(later);
    expect(await count()).toBe(before + 1);
  });

  it('lets the teacher close early, and shows the round to the college’s admin but not another college’s', async () => {
    const round = (await start(teacherA, { promptId, questionId: judge.questionId, classId: jia1 })).body;
    expect((await view(collegeJia, round.id)).status).toBe(200);
    expect((await view(collegeYi, round.id)).status).toBe(403);
    expect((await view(teacherB, round.id)).status).toBe(403);
    expect((await t.request('POST', `/api/quick-quiz/rounds/${round.id}/close`, { token: teacherB })).status).toBe(403);
    expect((await answer('2026700103', round.id, ['F'])).status).toBe(200);
    const closed = await t.request<QuickQuizRoundDto>('POST', `/api/quick-quiz/rounds/${round.id}/close`, {
      token: teacherA,
    });
    expect(closed.status).toBe(200);
    expect(closed.body.phase).toBe('closed');
    expect(closed.body.reveal).toMatchObject({ answer: ['F'], correct: 1 });
    expect((await answer('2026700101', round.id, ['T'])).status).toBe(409);
  });

  it('refuses a question on the fixed paper of an exam the class can still sit (the projector would show its key)', async () => {
    const exam = await publishedExam(
      t,
      school,
      examInput({ paper: { questionIds: [single.questionId] }, audience: { classIds: [jia1] } }),
    );
    const refused = await start(teacherA, { promptId, questionId: single.questionId, classId: jia1 });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain(exam.title);
    // The other question is not on the paper.
    expect((await start(teacherA, { promptId, questionId: judge.questionId, classId: jia1 })).status).toBe(201);
  });

  it('still refuses it while a student of the class sits that paper after its window was shortened', async () => {
    const exam = await publishedExam(
      t,
      school,
      examInput({ paper: { questionIds: [single.questionId] }, audience: { classIds: [jia2] } }),
    );
    const sitting = await t.request('POST', `/api/exams/${exam.id}/attempts`, { token: students['2026700201'] });
    expect(sitting.status).toBe(200);
    // The window ends under the attempt, which keeps its deadline (a shortened window never cuts one short).
    await t.dataSource
      .getRepository(Exam)
      .update({ id: exam.id }, { closesAt: new Date(clock.now().getTime() - 1000) });
    t.get(ExamCache).invalidate(exam.id);
    const refused = await start(teacherB, { promptId, questionId: single.questionId, classId: jia2 });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain(exam.title);
  });

  it('streams live counts to the projector and the result to a phone that reconnects', async () => {
    const round = (await start(teacherA, { promptId, questionId: judge.questionId, classId: jia1, seconds: 60 })).body;
    await join('2026700101', round.joinCode);
    const projector = readEvents<QuickQuizRoundDto>(
      `${baseUrl}/api/quick-quiz/rounds/${round.id}/events`,
      teacherA,
      (events) => events.some((e) => e.counts.answered === 2),
    );
    await answer('2026700101', round.id, ['F']);
    await answer('2026700102', round.id, ['T']);
    const seen = await projector;
    expect(seen[0]!.id).toBe(round.id);
    expect(seen.at(-1)!.counts).toMatchObject({ joined: 2, answered: 2 });
    expect(seen.every((e) => e.reveal === null)).toBe(true);

    // A phone opens the stream: it gets the current state at once, then its result when the round closes.
    const heard: QuickQuizStudentDto[] = [];
    const phone = readEvents<QuickQuizStudentDto>(
      `${baseUrl}/api/quick-quiz/rounds/${round.id}/events`,
      students['2026700102']!,
      (events) => events.some((e) => e.phase === 'closed'),
      8000,
      heard,
    );
    await waitFor(() => heard.length > 0, { what: "the phone's first event" });
    await t.request('POST', `/api/quick-quiz/rounds/${round.id}/close`, { token: teacherA });
    const phoneEvents = await phone;
    expect(phoneEvents[0]).toMatchObject({ phase: 'open', myAnswer: ['T'], reveal: null });
    expect(phoneEvents.at(-1)).toMatchObject({ phase: 'closed', reveal: { answer: ['F'], correct: false } });

    // Another class's student cannot open the stream.
    const other = await fetch(`${baseUrl}/api/quick-quiz/rounds/${round.id}/events`, {
      headers: { Authorization: `Bearer ${students['2026700201']}` },
    });
    expect(other.status).toBe(403);
  });

  it('lists a teacher’s rounds with results, and puts participation and correct rate on the coverage page', async () => {
    const mine = await t.request<QuickQuizRoundSummary[]>('GET', '/api/quick-quiz/rounds', { token: teacherA });
    expect(mine.status).toBe(200);
    const first = mine.body.at(-1)!;
    expect(first).toMatchObject({
      className: '甲2026-1班',
      classSize: 3,
      answered: 2,
      correct: 1,
      questionStem: single.stem,
    });
    expect(
      (await t.request<QuickQuizRoundSummary[]>('GET', '/api/quick-quiz/rounds', { token: teacherB })).body,
    ).toEqual([]);
    expect(
      (await t.request<QuickQuizRoundSummary[]>('GET', '/api/quick-quiz/rounds', { token: collegeYi })).body,
    ).toEqual([]);

    const coverage = await t.request<PromptCoverageDto>('GET', '/api/prompts/coverage', { token: school });
    const row = coverage.body.classes.find((c) => c.classId === jia1)!;
    const rounds = mine.body.length;
    const answered = mine.body.reduce((s, r) => s + r.answered, 0);
    const correct = mine.body.reduce((s, r) => s + r.correct, 0);
    expect(row.quickQuiz.rounds).toBe(rounds);
    expect(row.quickQuiz.participation).toBeCloseTo(answered / (3 * rounds));
    expect(row.quickQuiz.correctRate).toBeCloseTo(correct / answered);
    expect(coverage.body.classes.find((c) => c.classId === jia2)!.quickQuiz).toEqual({
      rounds: 0,
      participation: 0,
      correctRate: null,
    });
    expect(coverage.body.total.quickQuiz.rounds).toBe(rounds);
  });
});
