import {
  FraudType,
  QuestionType,
  type AttemptDetail,
  type AttemptSession,
  type ExamInput,
  type Page,
  type PracticeCheckResult,
  type QuestionDto,
  type SubmitResult,
  type WrongQuestionDto,
} from '@campus/shared';
import { ExamCache } from '../src/modules/exams/exam-cache';
import { Exam } from '../src/modules/exams/exam.entity';
import { TestApp, type TestResponse } from './harness';
import {
  createQuestion,
  enrolStudents,
  examInput,
  judgeQuestion,
  multipleQuestion,
  publishedExam,
  singleQuestion,
  student,
} from './factories/exam.factory';

/**
 * Answer keys reach a student only when no exam the student can still sit could show them the
 * question: not through practice, the 错题本 or an attempt's review (issue 11, critical and high).
 * Every exam here is addressed to one class, so the tests do not lock each other's questions.
 */
describe('answer keys before an exam is over', () => {
  let t: TestApp;
  let admin: string;
  let tokens: Record<string, string>;
  const classIds: Record<string, number> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    const lines = ['1', '2', '3', '4', '5', '6', '7'].map((n) =>
      student(`202550010${n}`, `学生${n}`, '法学院', `法学2025-${n}班`),
    );
    lines.push(student('2025500108', '学生8', '法学院', '法学2025-1班'));
    lines.push(student('2025500109', '学生9', '法学院', '法学2025-9班'));
    lines.push(student('2025500110', '学生10', '法学院', '法学2025-10班'));
    lines.push(student('2025500111', '学生11', '法学院', '法学2025-11班'));
    lines.push(student('2025500112', '学生12', '法学院', '法学2025-11班'));
    tokens = await enrolStudents(t, admin, lines);
    const classes = await t.request<Array<{ id: number; name: string }>>('GET', '/api/classes', { token: admin });
    for (const c of classes.body) classIds[c.name] = c.id;
  });
  afterAll(() => t.close());

  const as = (n: string) => tokens[n.length === 2 ? `20255001${n}` : `202550010${n}`]!;
  const forClass = (n: string, overrides: Partial<ExamInput>) =>
    publishedExam(t, admin, examInput({ audience: { classIds: [classIds[`法学2025-${n}班`]!] }, ...overrides }));
  const check = (n: string, questionId: number, answer: string[]) =>
    t.request<PracticeCheckResult & { message?: string }>('POST', '/api/practice/check', {
      token: as(n),
      body: { questionId, answer },
    });
  const start = async (n: string, examId: number) =>
    (await t.request<AttemptSession>('POST', `/api/exams/${examId}/attempts`, { token: as(n) })).body;
  const submit = (n: string, attemptId: number) =>
    t.request<SubmitResult>('POST', `/api/attempts/${attemptId}/submit`, { token: as(n) });
  const wrongBook = async (n: string) =>
    (await t.request<Page<WrongQuestionDto>>('GET', '/api/my/wrong-questions?pageSize=100', { token: as(n) })).body
      .items;
  const noKeyIn = (res: TestResponse) => {
    expect(res.raw.toString()).not.toMatch(/"answer"\s*:|"analysis"\s*:|"correct"\s*:/);
  };
  const closeNow = async (examId: number) => {
    await t.dataSource.getRepository(Exam).update({ id: examId }, { closesAt: new Date(Date.now() - 1000) });
    t.get(ExamCache).invalidate(examId);
  };

  it('gives a student sitting a 不公布答案 exam no key of its paper through practice, so none can be saved', async () => {
    const paper = [
      await createQuestion(t, admin, singleQuestion()),
      await createQuestion(t, admin, multipleQuestion()),
      await createQuestion(t, admin, judgeQuestion('F')),
    ];
    const exam = await forClass('1', { paper: { questionIds: paper.map((q) => q.id) }, reviewPolicy: 'never' });
    const session = await start('1', exam.id);
    expect(session.questions).toHaveLength(3);

    // The attack: every question of the paper, every option, through practice.
    for (const q of session.questions) {
      for (const option of q.options) {
        const res = await check('1', q.id, [option.key]);
        expect(res.status).toBe(409);
        expect(res.body.message).toMatch(/还可以参加的考试/);
        noKeyIn(res);
      }
    }
    // The paper is not drawn for practice either.
    const drawn = await t.request<Array<{ id: number }>>('GET', '/api/practice/questions?count=50', { token: as('1') });
    expect(drawn.body.map((q) => q.id)).toEqual(expect.not.arrayContaining(paper.map((q) => q.id)));

    // A classmate who has not started yet is just as much in reach of it.
    const classmateCheck = await check('8', paper[0]!.id, ['B']);
    expect(classmateCheck.status).toBe(409);
  });

  it('holds back every question a rule-drawn paper could draw for the student, not only the drawn ones', async () => {
    const pool: QuestionDto[] = [];
    for (let i = 0; i < 4; i++)
      pool.push(
        await createQuestion(
          t,
          admin,
          judgeQuestion(i % 2 ? 'T' : 'F', { fraudType: FraudType.Investment, stem: `投资判断题 ${i}：稳赚不赔。` }),
        ),
      );
    const outsideRule = await createQuestion(t, admin, singleQuestion({ fraudType: FraudType.Investment }));
    const exam = await forClass('2', {
      paper: { rules: [{ type: QuestionType.Judge, fraudType: FraudType.Investment, count: 2, score: 50 }] },
    });
    const session = await start('2', exam.id);
    const drawn = new Set(session.questions.map((q) => q.id));
    expect(pool.filter((q) => !drawn.has(q.id))).toHaveLength(2);

    for (const q of pool) {
      const res = await check('2', q.id, ['T']);
      expect(res.status).toBe(409);
      noKeyIn(res);
    }
    const practice = await t.request<Array<{ id: number }>>(
      'GET',
      `/api/practice/questions?fraudType=${FraudType.Investment}&count=50`,
      { token: as('2') },
    );
    expect(practice.body.map((q) => q.id)).toEqual([outsideRule.id]);
    // A question no rule of the exam can draw is practised as usual.
    expect((await check('2', outsideRule.id, ['B'])).body).toMatchObject({ correct: true, answer: ['B'] });
    // A student of another class, for whom the exam is not meant, practises the pool as usual: a
    // rule-drawn pool is the bank itself, and no one sitter's paper (a fixed paper is: see below).
    expect((await check('3', pool[0]!.id, ['F'])).body).toMatchObject({ correct: true, answer: ['F'] });
  });

  it('keeps a paper’s keys from students outside its audience until it is over, even before it opens', async () => {
    const fraudType = FraudType.GameTrading;
    const paper = [
      await createQuestion(t, admin, singleQuestion({ fraudType })),
      await createQuestion(t, admin, judgeQuestion('T', { fraudType })),
    ];
    const offPaper = await createQuestion(t, admin, singleQuestion({ fraudType }));
    const ids = paper.map((q) => q.id);
    const opensAt = new Date(Date.now() + 86_400_000);
    const exam = await forClass('9', {
      paper: { questionIds: ids },
      opensAt: opensAt.toISOString(),
      closesAt: new Date(opensAt.getTime() + 86_400_000).toISOString(),
    });
    // Student 10 is in another class: the senior who would practise the freshmen's paper.
    for (const [q, answer] of [
      [paper[0]!, 'B'],
      [paper[1]!, 'T'],
    ] as const) {
      const res = await check('10', q.id, [answer]);
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/其他同学尚未结束的考试/);
      noKeyIn(res);
    }
    const drawn = await t.request<Array<{ id: number }>>(
      'GET',
      `/api/practice/questions?fraudType=${fraudType}&count=50`,
      { token: as('10') },
    );
    expect(drawn.body.map((q) => q.id)).toEqual([offPaper.id]);
    // The class it is for is told the reason it can act on.
    expect((await check('9', ids[0]!, ['B'])).body.message).toMatch(/还可以参加的考试/);

    await closeNow(exam.id);
    expect((await check('10', ids[1]!, ['T'])).body).toMatchObject({ correct: true, answer: ['T'] });
  });

  it('keeps retired questions out of practice: no check, no key, no draw', async () => {
    const q = await createQuestion(t, admin, singleQuestion());
    expect((await t.request('POST', `/api/questions/${q.id}/retire`, { token: admin })).status).toBe(200);
    const res = await check('3', q.id, ['B']);
    expect(res.status).toBe(404);
    noKeyIn(res);
    const drawn = await t.request<Array<{ id: number }>>('GET', '/api/practice/questions?count=50', { token: as('3') });
    expect(drawn.body.map((d) => d.id)).not.toContain(q.id);
  });

  it('keeps the keys of a retired question that is still in the 错题本 out of wrong-question practice', async () => {
    const q = await createQuestion(t, admin, singleQuestion());
    const exam = await forClass('4', { paper: { questionIds: [q.id] }, maxAttempts: 1 });
    const s = await start('4', exam.id);
    await t.request('PUT', `/api/attempts/${s.attemptId}/answers/${q.id}`, { token: as('4'), body: { answer: ['A'] } });
    await submit('4', s.attemptId);
    await t.request('POST', `/api/questions/${q.id}/retire`, { token: admin });
    const drawn = await t.request<Array<{ id: number }>>('GET', '/api/practice/questions?source=wrong', {
      token: as('4'),
    });
    expect(drawn.body.map((d) => d.id)).not.toContain(q.id);
    expect((await check('4', q.id, ['B'])).status).toBe(404);
  });

  it('shows the key again once the student can no longer take the exam (passed, after_submit)', async () => {
    const q = await createQuestion(t, admin, singleQuestion());
    const exam = await forClass('5', { paper: { questionIds: [q.id] }, passScore: 100 });
    const s = await start('5', exam.id);
    expect((await check('5', q.id, ['B'])).status).toBe(409);
    await t.request('PUT', `/api/attempts/${s.attemptId}/answers/${q.id}`, { token: as('5'), body: { answer: ['B'] } });
    expect((await submit('5', s.attemptId)).body).toMatchObject({ score: 100, passed: true });
    const res = await check('5', q.id, ['B']);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ correct: true, answer: ['B'], analysis: expect.stringContaining('安全账户') });
  });

  it('holds back the 错题本 key of a 不公布答案 exam, in the list and in practice', async () => {
    const q = await createQuestion(t, admin, judgeQuestion('T'));
    const exam = await forClass('6', { paper: { questionIds: [q.id] }, reviewPolicy: 'never', maxAttempts: 1 });
    const s = await start('6', exam.id);
    await t.request('PUT', `/api/attempts/${s.attemptId}/answers/${q.id}`, { token: as('6'), body: { answer: ['F'] } });
    await submit('6', s.attemptId);
    await closeNow(exam.id);

    const entry = (await wrongBook('6')).find((w) => w.questionId === q.id);
    expect(entry).toMatchObject({ lastAnswer: ['F'], answer: null, analysis: null });
    expect(entry!.withheld).toMatch(/不公布答案/);
    const detail = await t.request<AttemptDetail>('GET', `/api/attempts/${s.attemptId}`, { token: as('6') });
    expect(detail.body.review).toBeNull();
    const drawn = await t.request<Array<{ id: number }>>('GET', '/api/practice/questions?source=wrong', {
      token: as('6'),
    });
    expect(drawn.body.map((d) => d.id)).not.toContain(q.id);
    const res = await check('6', q.id, ['T']);
    expect(res.status).toBe(409);
    noKeyIn(res);
  });

  it('holds back the 错题本 key of an after_close exam while it is open, and shows it once it closed', async () => {
    const q = await createQuestion(t, admin, singleQuestion());
    const exam = await forClass('7', { paper: { questionIds: [q.id] }, reviewPolicy: 'after_close', maxAttempts: 1 });
    const s = await start('7', exam.id);
    await t.request('PUT', `/api/attempts/${s.attemptId}/answers/${q.id}`, { token: as('7'), body: { answer: ['C'] } });
    await submit('7', s.attemptId);

    const open = (await wrongBook('7')).find((w) => w.questionId === q.id);
    expect(open).toMatchObject({ lastAnswer: ['C'], answer: null, analysis: null });
    expect(open!.withheld).toMatch(/结束后/);
    // Finished, yet practice would let them pass the key to classmates still to sit it.
    expect((await check('7', q.id, ['B'])).status).toBe(409);

    await closeNow(exam.id);
    const closed = (await wrongBook('7')).find((w) => w.questionId === q.id);
    expect(closed).toMatchObject({ answer: ['B'], withheld: null, analysis: expect.stringContaining('安全账户') });
    expect((await check('7', q.id, ['B'])).body).toMatchObject({ correct: true });
  });

  it('withholds in a review the questions another open exam can still put in front of the student', async () => {
    const shared = await createQuestion(t, admin, singleQuestion());
    const own = await createQuestion(t, admin, singleQuestion());
    const first = await forClass('3', { paper: { questionIds: [own.id, shared.id] }, maxAttempts: 1 });
    await forClass('3', { title: '第二次测验', kind: 'regular', paper: { questionIds: [shared.id] } });
    const s = await start('3', first.id);
    await t.request('PUT', `/api/attempts/${s.attemptId}/answers/${shared.id}`, {
      token: as('3'),
      body: { answer: ['A'] },
    });
    await submit('3', s.attemptId);

    const detail = await t.request<AttemptDetail>('GET', `/api/attempts/${s.attemptId}`, { token: as('3') });
    const byId = new Map(detail.body.review!.map((r) => [r.questionId, r]));
    expect(byId.get(own.id)).toMatchObject({ answer: ['B'], withheld: null });
    expect(byId.get(shared.id)).toMatchObject({
      chosen: ['A'],
      answer: null,
      correct: null,
      awarded: null,
      analysis: null,
    });
    expect(byId.get(shared.id)!.withheld).toMatch(/还可以参加的考试/);
    expect(detail.body.reviewNote).toMatch(/1 道题/);
    // The same in the 错题本.
    expect((await wrongBook('3')).find((w) => w.questionId === shared.id)).toMatchObject({ answer: null });
    // The school admin still sees everything.
    const asAdmin = await t.request<AttemptDetail>('GET', `/api/attempts/${s.attemptId}`, { token: admin });
    expect(asAdmin.body.review!.find((r) => r.questionId === shared.id)).toMatchObject({ answer: ['B'] });
  });

  it('holds the keys back again once a 补考 grant gives a student who used up their attempts another one', async () => {
    const q = await createQuestion(t, admin, singleQuestion());
    const exam = await forClass('9', { paper: { questionIds: [q.id] }, maxAttempts: 1, passScore: 100 });
    const s = await start('9', exam.id);
    await t.request('PUT', `/api/attempts/${s.attemptId}/answers/${q.id}`, { token: as('9'), body: { answer: ['A'] } });
    expect((await submit('9', s.attemptId)).body).toMatchObject({ passed: false });
    // No attempt left: practice may teach the key.
    expect((await check('9', q.id, ['C'])).body).toMatchObject({ correct: false, answer: ['B'] });

    const grant = await t.request('POST', `/api/exams/${exam.id}/exceptions`, {
      token: admin,
      body: { usernames: ['2025500109'], extraMinutes: 0, extraAttempts: 1, reason: '补考' },
    });
    expect(grant.status).toBe(200);
    // The attack: learn the key through practice or the review of the failed attempt, then sit the 补考.
    const res = await check('9', q.id, ['B']);
    expect(res.status).toBe(409);
    noKeyIn(res);
    const detail = await t.request<AttemptDetail>('GET', `/api/attempts/${s.attemptId}`, { token: as('9') });
    expect(detail.body.review).toBeNull();
    expect(detail.body.reviewNote).toMatch(/还在你可以参加的考试中/);
    expect((await wrongBook('9')).find((w) => w.questionId === q.id)).toMatchObject({ answer: null, analysis: null });
  });

  it('holds the keys back from a student still sitting the exam after its window was shortened', async () => {
    const q = await createQuestion(t, admin, singleQuestion());
    const exam = await forClass('10', { paper: { questionIds: [q.id] }, reviewPolicy: 'after_close' });
    const s = await start('10', exam.id);
    // The window now ends before this attempt's deadline (a shortened window never cuts an attempt short).
    await closeNow(exam.id);
    expect(new Date(s.deadline).getTime()).toBeGreaterThan(Date.now());

    const res = await check('10', q.id, ['B']);
    expect(res.status).toBe(409);
    noKeyIn(res);
    // What practice would have told them could still be saved.
    const save = await t.request('PUT', `/api/attempts/${s.attemptId}/answers/${q.id}`, {
      token: as('10'),
      body: { answer: ['B'] },
    });
    expect(save.status).toBe(204);
  });

  it('keeps an after_close exam’s answers back from those who finished while a classmate still sits it past the window', async () => {
    const q = await createQuestion(t, admin, singleQuestion());
    const exam = await forClass('11', { paper: { questionIds: [q.id] }, reviewPolicy: 'after_close', maxAttempts: 1 });
    const done = await start('11', exam.id);
    await t.request('PUT', `/api/attempts/${done.attemptId}/answers/${q.id}`, {
      token: as('11'),
      body: { answer: ['A'] },
    });
    await submit('11', done.attemptId);
    const still = await start('12', exam.id);
    // The window was shortened under the classmate's attempt, which keeps its deadline.
    await closeNow(exam.id);
    expect(new Date(still.deadline).getTime()).toBeGreaterThan(Date.now());

    const detail = await t.request<AttemptDetail>('GET', `/api/attempts/${done.attemptId}`, { token: as('11') });
    expect(detail.body.review).toBeNull();
    noKeyIn(detail);
    expect((await check('11', q.id, ['B'])).status).toBe(409);
    expect((await wrongBook('11')).find((w) => w.questionId === q.id)).toMatchObject({ answer: null, analysis: null });

    // Once the last attempt is in, the answers are out.
    await submit('12', still.attemptId);
    const after = await t.request<AttemptDetail>('GET', `/api/attempts/${done.attemptId}`, { token: as('11') });
    expect(after.body.review?.[0]).toMatchObject({ answer: ['B'] });
  });
});
