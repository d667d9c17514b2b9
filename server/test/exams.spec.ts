import {
  FraudType,
  QuestionType,
  type AttemptDetail,
  type AttemptSession,
  type MyExamDto,
  type QuestionDto,
  type SubmitResult,
  type WrongQuestionDto,
  type Page,
  type ExamResultRow,
  type ExamSaveResult,
  type LeaveEventResult,
} from '@campus/shared';
import { AttemptPaperCache } from '../src/modules/exams/attempt-paper-cache';
import { ExamAttempt } from '../src/modules/exams/exam-attempt.entity';
import { TestApp } from './harness';
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

describe('exams and attempts', () => {
  let t: TestApp;
  let admin: string;
  let tokens: Record<string, string>;
  let single: QuestionDto;
  let multiple: QuestionDto;
  let judge: QuestionDto;
  /** The paper of the scoring test, on no other exam. */
  let scored: { single: QuestionDto; multiple: QuestionDto; judge: QuestionDto };
  /** Every body a student received before submitting: none may carry an answer key or 解析. */
  const studentBodies: string[] = [];

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    tokens = await enrolStudents(t, admin, [
      student('2025400101', '考生甲', '信息学院', '信息2025-1班'),
      student('2025400102', '考生乙', '信息学院', '信息2025-1班'),
      student('2025400103', '考生丙', '信息学院', '信息2025-1班'),
      student('2025400104', '考生丁', '信息学院', '信息2025-1班'),
      student('2024400201', '老生戊', '信息学院', '信息2024-1班', '2024'),
      student('2025410101', '外院己', '商学院', '商务2025-1班'),
    ]);
    single = await createQuestion(t, admin, singleQuestion());
    multiple = await createQuestion(t, admin, multipleQuestion());
    judge = await createQuestion(t, admin, judgeQuestion('T'));
  });
  afterAll(() => t.close());

  const asStudent = async <T>(username: string, method: string, url: string, body?: unknown) => {
    const res = await t.request<T>(method, url, { token: tokens[username], body });
    studentBodies.push(res.raw.toString());
    return res;
  };

  const fixedExam = (overrides = {}) =>
    publishedExam(
      t,
      admin,
      examInput({ paper: { questionIds: [single.id, multiple.id, judge.id], scores: [40, 40, 20] }, ...overrides }),
    );

  it('starts an attempt with the server deadline and no answers or 解析 in it', async () => {
    const exam = await fixedExam({ durationMinutes: 20 });
    const before = Date.now();
    const res = await asStudent<AttemptSession>('2025400101', 'POST', `/api/exams/${exam.id}/attempts`);
    expect(res.status).toBe(200);
    expect(res.body.questions).toHaveLength(3);
    const deadline = Date.parse(res.body.deadline);
    expect(deadline).toBeGreaterThanOrEqual(before + 20 * 60_000 - 1000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 20 * 60_000 + 1000);
    for (const q of res.body.questions)
      expect(Object.keys(q).sort()).toEqual(['id', 'options', 'score', 'stem', 'type']);
  });

  it('resumes the same attempt with the same questions, order, options and saved answers', async () => {
    const exam = await fixedExam();
    const first = (await asStudent<AttemptSession>('2025400102', 'POST', `/api/exams/${exam.id}/attempts`)).body;
    const [q1, q2] = first.questions;
    expect(
      (
        await asStudent('2025400102', 'PUT', `/api/attempts/${first.attemptId}/answers/${q1!.id}`, {
          answer: [q1!.options[0]!.key],
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await asStudent('2025400102', 'PUT', `/api/attempts/${first.attemptId}/answers/${q2!.id}`, {
          answer: [q2!.options[1]!.key],
        })
      ).status,
    ).toBe(204);
    // The same save again is harmless.
    expect(
      (
        await asStudent('2025400102', 'PUT', `/api/attempts/${first.attemptId}/answers/${q2!.id}`, {
          answer: [q2!.options[1]!.key],
        })
      ).status,
    ).toBe(204);

    const again = (await asStudent<AttemptSession>('2025400102', 'POST', `/api/exams/${exam.id}/attempts`)).body;
    expect(again.attemptId).toBe(first.attemptId);
    expect(again.deadline).toBe(first.deadline);
    expect(again.questions).toEqual(first.questions);
    expect(again.answers).toEqual({ [q1!.id]: [q1!.options[0]!.key], [q2!.id]: [q2!.options[1]!.key] });
  });

  it('scores as API.md says: full marks only for the exact set, partial multiple scores 0', async () => {
    // Questions of their own: the shared three stay in reach on other open exams, whose keys the
    // review holds back (answer-keys.spec.ts).
    scored = {
      single: await createQuestion(t, admin, singleQuestion()),
      multiple: await createQuestion(t, admin, multipleQuestion()),
      judge: await createQuestion(t, admin, judgeQuestion('T')),
    };
    const exam = await publishedExam(
      t,
      admin,
      examInput({
        paper: { questionIds: [scored.single.id, scored.multiple.id, scored.judge.id], scores: [40, 40, 20] },
        maxAttempts: 1,
      }),
    );
    const session = (await asStudent<AttemptSession>('2025400103', 'POST', `/api/exams/${exam.id}/attempts`)).body;
    const save = (qid: number, answer: string[]) =>
      asStudent('2025400103', 'PUT', `/api/attempts/${session.attemptId}/answers/${qid}`, { answer });
    await save(scored.single.id, ['B']); // right: 40
    await save(scored.multiple.id, ['A', 'B']); // partly right: 0
    await save(scored.judge.id, ['T']); // right: 20
    const result = await asStudent<SubmitResult>('2025400103', 'POST', `/api/attempts/${session.attemptId}/submit`);
    expect(result.body).toMatchObject({ score: 60, passed: true });

    const detail = await asStudent<AttemptDetail>('2025400103', 'GET', `/api/attempts/${session.attemptId}`);
    const byId = new Map(detail.body.review!.map((r) => [r.questionId, r]));
    expect(byId.get(scored.multiple.id)).toMatchObject({
      chosen: ['A', 'B'],
      answer: ['A', 'B', 'D'],
      correct: false,
      awarded: 0,
      withheld: null,
    });
    expect(byId.get(scored.single.id)).toMatchObject({
      correct: true,
      awarded: 40,
      analysis: expect.stringContaining('安全账户'),
    });
  });

  it('scores a fixed paper of 6 equal questions exactly 100 when all are right, in results and statistics', async () => {
    const six: QuestionDto[] = [];
    for (let i = 0; i < 6; i++) six.push(await createQuestion(t, admin, singleQuestion()));
    const exam = await publishedExam(
      t,
      admin,
      examInput({ kind: 'regular', paper: { questionIds: six.map((q) => q.id) }, passScore: 100 }),
    );
    expect(exam.totalScore).toBe(100);
    const takeAllRight = async (username: string) => {
      const s = (await asStudent<AttemptSession>(username, 'POST', `/api/exams/${exam.id}/attempts`)).body;
      expect(s.questions.reduce((sum, q) => sum + Math.round(q.score * 100), 0)).toBe(10_000);
      for (const q of six)
        await asStudent(username, 'PUT', `/api/attempts/${s.attemptId}/answers/${q.id}`, { answer: ['B'] });
      return s;
    };
    const submitted = await takeAllRight('2025400101');
    const result = await asStudent<SubmitResult>('2025400101', 'POST', `/api/attempts/${submitted.attemptId}/submit`);
    expect(result.body).toMatchObject({ score: 100, passed: true });
    // The other one's time runs out: the statistics score it in SQL before the timer closes it.
    const expired = await takeAllRight('2025400102');
    await t.dataSource
      .getRepository(ExamAttempt)
      .update({ id: expired.attemptId }, { deadline: new Date(Date.now() - 1000) });
    const stats = await t.request<{ total: { participated: number; passed: number; avgScore: number } }>(
      'GET',
      `/api/stats/awareness?groupBy=college&examId=${exam.id}`,
      { token: admin },
    );
    expect(stats.body.total).toMatchObject({ participated: 2, passed: 2, avgScore: 100 });
    const results = await t.request<Page<ExamResultRow>>('GET', `/api/exams/${exam.id}/results`, { token: admin });
    expect(results.body.items.map((r) => r.score)).toEqual([100, 100]);
  });

  it('keeps marks to hundredths: finer rule and paper marks are refused, a rule paper totals exactly', async () => {
    const finer = await t.request<{ message: string; errors: Array<{ field: string }> }>('POST', '/api/exams', {
      token: admin,
      body: examInput({ paper: { rules: [{ type: QuestionType.Single, count: 30, score: 3.333 }] }, passScore: 60 }),
    });
    expect(finer.status).toBe(400);
    expect(finer.body.message).toMatch(/两位小数/);
    const finerScores = await t.request('POST', '/api/exams', {
      token: admin,
      body: examInput({ paper: { questionIds: [single.id, judge.id], scores: [33.335, 66.665] } }),
    });
    expect(finerScores.status).toBe(400);
    const rules = await t.request<{ totalScore: number }>('POST', '/api/exams', {
      token: admin,
      body: examInput({
        paper: {
          rules: [
            { type: QuestionType.Single, count: 30, score: 3.33 },
            { type: QuestionType.Judge, count: 1, score: 0.1 },
          ],
        },
        passScore: 60,
      }),
    });
    expect(rules.status).toBe(201);
    expect(rules.body.totalScore).toBe(100);
  });

  it('gives one result for a double submit and refuses saves after it with 409', async () => {
    const exam = await fixedExam();
    const session = (await asStudent<AttemptSession>('2025400104', 'POST', `/api/exams/${exam.id}/attempts`)).body;
    await asStudent('2025400104', 'PUT', `/api/attempts/${session.attemptId}/answers/${single.id}`, { answer: ['B'] });
    const [a, b] = await Promise.all([
      t.request<SubmitResult>('POST', `/api/attempts/${session.attemptId}/submit`, { token: tokens['2025400104'] }),
      t.request<SubmitResult>('POST', `/api/attempts/${session.attemptId}/submit`, { token: tokens['2025400104'] }),
    ]);
    expect(a.body).toEqual(b.body);
    const third = await t.request<SubmitResult>('POST', `/api/attempts/${session.attemptId}/submit`, {
      token: tokens['2025400104'],
    });
    expect(third.body).toEqual(a.body);
    expect(await t.dataSource.getRepository(ExamAttempt).countBy({ examId: exam.id })).toBe(1);
    const late = await t.request('PUT', `/api/attempts/${session.attemptId}/answers/${judge.id}`, {
      token: tokens['2025400104'],
      body: { answer: ['T'] },
    });
    expect(late.status).toBe(409);
  });

  it('refuses a save after the deadline with 409 and counts the expired attempt as submitted with what was saved', async () => {
    const exam = await fixedExam({ passScore: 40 });
    const session = (await asStudent<AttemptSession>('2025400101', 'POST', `/api/exams/${exam.id}/attempts`)).body;
    await asStudent('2025400101', 'PUT', `/api/attempts/${session.attemptId}/answers/${single.id}`, { answer: ['B'] });
    // Time runs out: the student never comes back.
    await t.dataSource
      .getRepository(ExamAttempt)
      .update({ id: session.attemptId }, { deadline: new Date(Date.now() - 1000) });
    const late = await t.request<{ message: string }>('PUT', `/api/attempts/${session.attemptId}/answers/${judge.id}`, {
      token: tokens['2025400101'],
      body: { answer: ['T'] },
    });
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/时间已到/);

    const results = await t.request<Page<ExamResultRow>>('GET', `/api/exams/${exam.id}/results`, { token: admin });
    expect(results.body.items).toEqual([
      expect.objectContaining({ attemptId: session.attemptId, score: 40, passed: true, autoSubmitted: true }),
    ]);
    const stored = await t.dataSource.getRepository(ExamAttempt).findOneByOrFail({ id: session.attemptId });
    expect(stored.submittedAt?.getTime()).toBe(stored.deadline.getTime());
  });

  it('lets a student retake until passed, then no more', async () => {
    const exam = await fixedExam({ passScore: 80, maxAttempts: 0, shuffleQuestions: false });
    const take = async (answers: Record<number, string[]>) => {
      const s = (await asStudent<AttemptSession>('2025400102', 'POST', `/api/exams/${exam.id}/attempts`)).body;
      for (const [qid, answer] of Object.entries(answers))
        await asStudent('2025400102', 'PUT', `/api/attempts/${s.attemptId}/answers/${qid}`, { answer });
      return (await asStudent<SubmitResult>('2025400102', 'POST', `/api/attempts/${s.attemptId}/submit`)).body;
    };
    expect(await take({ [single.id]: ['A'] })).toMatchObject({ score: 0, passed: false });
    expect(await take({ [single.id]: ['B'], [multiple.id]: ['A', 'B', 'D'] })).toMatchObject({
      score: 80,
      passed: true,
    });
    const again = await t.request<{ message: string }>('POST', `/api/exams/${exam.id}/attempts`, {
      token: tokens['2025400102'],
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/已通过/);
    const mine = await t.request<MyExamDto[]>('GET', '/api/my/exams', { token: tokens['2025400102'] });
    expect(mine.body.find((e) => e.id === exam.id)).toMatchObject({
      attemptsUsed: 2,
      bestScore: 80,
      passed: true,
      canStart: false,
    });
  });

  it('stops at maxAttempts', async () => {
    const exam = await fixedExam({ passScore: 100, maxAttempts: 1 });
    const s = (await asStudent<AttemptSession>('2025400103', 'POST', `/api/exams/${exam.id}/attempts`)).body;
    await asStudent('2025400103', 'POST', `/api/attempts/${s.attemptId}/submit`);
    const again = await t.request<{ message: string }>('POST', `/api/exams/${exam.id}/attempts`, {
      token: tokens['2025400103'],
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/次数已用完/);
  });

  it('keeps students outside the audience out, and shows them nothing in 我的考试', async () => {
    const colleges = await t.request<Array<{ id: number; name: string }>>('GET', '/api/colleges', { token: admin });
    const info = colleges.body.find((c) => c.name === '信息学院')!;
    const exam = await fixedExam({ audience: { collegeIds: [info.id], enrollmentYears: [2025] } });
    expect((await t.request('POST', `/api/exams/${exam.id}/attempts`, { token: tokens['2025410101'] })).status).toBe(
      403,
    );
    expect((await t.request('POST', `/api/exams/${exam.id}/attempts`, { token: tokens['2024400201'] })).status).toBe(
      403,
    );
    expect((await t.request('POST', `/api/exams/${exam.id}/attempts`, { token: tokens['2025400104'] })).status).toBe(
      200,
    );
    const outsider = await t.request<MyExamDto[]>('GET', '/api/my/exams', { token: tokens['2025410101'] });
    expect(outsider.body.map((e) => e.id)).not.toContain(exam.id);
  });

  it('refuses to start before the window opens and after it closes', async () => {
    const soon = await fixedExam({ opensAt: new Date(Date.now() + 3600_000).toISOString() });
    expect(
      (await t.request<{ message: string }>('POST', `/api/exams/${soon.id}/attempts`, { token: tokens['2025400101'] }))
        .body.message,
    ).toMatch(/尚未开始/);
  });

  it('draws a random paper per student that respects the rules', async () => {
    for (let i = 0; i < 6; i++)
      await createQuestion(
        t,
        admin,
        singleQuestion({ fraudType: FraudType.FakeLoan, stem: `虚假贷款题 ${i}：放款前要求交“保证金”可信吗？` }),
      );
    for (let i = 0; i < 4; i++)
      await createQuestion(
        t,
        admin,
        judgeQuestion(i % 2 ? 'T' : 'F', {
          fraudType: FraudType.FakeCredit,
          stem: `征信判断题 ${i}：征信可以花钱找人修复。`,
        }),
      );
    const exam = await publishedExam(
      t,
      admin,
      examInput({
        paper: {
          rules: [
            { type: QuestionType.Single, fraudType: FraudType.FakeLoan, count: 3, score: 20 },
            { type: QuestionType.Judge, fraudType: FraudType.FakeCredit, count: 2, score: 20 },
          ],
        },
      }),
    );
    expect(exam).toMatchObject({ totalScore: 100, questionCount: 5 });
    const papers: AttemptSession[] = [];
    for (const u of ['2025400101', '2025400102', '2025400103'])
      papers.push((await asStudent<AttemptSession>(u, 'POST', `/api/exams/${exam.id}/attempts`)).body);
    const bank = await t.request<Page<QuestionDto>>('GET', '/api/questions?pageSize=200', { token: admin });
    const byId = new Map(bank.body.items.map((q) => [q.id, q]));
    for (const paper of papers) {
      const drawn = paper.questions.map((q) => byId.get(q.id)!);
      expect(new Set(drawn.map((q) => q.id)).size).toBe(5);
      expect(drawn.filter((q) => q.type === QuestionType.Single && q.fraudType === FraudType.FakeLoan)).toHaveLength(3);
      expect(drawn.filter((q) => q.type === QuestionType.Judge && q.fraudType === FraudType.FakeCredit)).toHaveLength(
        2,
      );
    }
    const signatures = new Set(
      papers.map((p) =>
        p.questions
          .map((q) => q.id)
          .sort()
          .join(','),
      ),
    );
    expect(signatures.size).toBeGreaterThan(1);
  });

  it('refuses to publish a rule the bank cannot fill', async () => {
    const created = await t.request<{ id: number }>('POST', '/api/exams', {
      token: admin,
      body: examInput({
        paper: { rules: [{ type: QuestionType.Multiple, fraudType: FraudType.GameTrading, count: 5, score: 20 }] },
      }),
    });
    const res = await t.request<{ message: string }>('POST', `/api/exams/${created.body.id}/publish`, { token: admin });
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/只有 0 道/);
  });

  it('draws at most one question of a 互斥组 into a paper, and refuses to publish when groups leave too few', async () => {
    const grouped: QuestionDto[] = [];
    for (let i = 0; i < 3; i++)
      grouped.push(
        await createQuestion(
          t,
          admin,
          singleQuestion({
            fraudType: FraudType.Investment,
            stem: `荐股群“稳赚不赔”的说法（变体 ${i}）`,
            group: 'stock-tips',
          }),
        ),
      );
    const alone = await createQuestion(
      t,
      admin,
      singleQuestion({ fraudType: FraudType.Investment, stem: '投资理财单独题' }),
    );
    const rule = (count: number) =>
      examInput({
        paper: { rules: [{ type: QuestionType.Single, fraudType: FraudType.Investment, count, score: 50 }] },
      });

    const tooMany = await t.request<ExamSaveResult>('POST', '/api/exams', { token: admin, body: rule(3) });
    const refused = await t.request<{ message: string }>('POST', `/api/exams/${tooMany.body.id}/publish`, {
      token: admin,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(
      '第 1 条抽题规则需要 3 题，题库中只有 4 道符合条件的启用题目（同一互斥组只算一道，共 2 道可抽）',
    );

    const exam = await publishedExam(t, admin, rule(2));
    const groupIds = new Set(grouped.map((q) => q.id));
    for (const u of ['2025400101', '2025400102', '2025400103', '2025400104']) {
      const paper = (await asStudent<AttemptSession>(u, 'POST', `/api/exams/${exam.id}/attempts`)).body;
      const ids = paper.questions.map((q) => q.id);
      expect(ids).toHaveLength(2);
      expect(ids).toContain(alone.id);
      expect(ids.filter((id) => groupIds.has(id))).toHaveLength(1);
    }
  });

  it('warns, without refusing, when a fixed paper holds two questions of one 互斥组 or a cue-laden question', async () => {
    const a = await createQuestion(t, admin, singleQuestion({ group: 'refund-code' }));
    const b = await createQuestion(
      t,
      admin,
      judgeQuestion('F', { stem: '退款时提供验证码是正常流程。', group: 'refund-code' }),
    );
    const res = await t.request<ExamSaveResult>('POST', '/api/exams', {
      token: admin,
      body: examInput({ paper: { questionIds: [a.id, single.id, b.id] } }),
    });
    expect(res.status).toBe(201);
    expect(res.body.warnings).toEqual([
      expect.objectContaining({ code: 'group-conflict', questionIds: [a.id, b.id] }),
      // "正常流程" voices the misconception: the tone gives the false statement away.
      expect.objectContaining({
        code: 'cued-questions',
        questionIds: [b.id],
        message: expect.stringContaining('卷中第 3 题带猜题线索（判断题措辞暗示答案 1 道）'),
      }),
    ]);
    const apart = await t.request<ExamSaveResult>('PUT', `/api/exams/${res.body.id}`, {
      token: admin,
      body: examInput({ paper: { questionIds: [a.id, single.id] } }),
    });
    expect(apart.body.warnings).toEqual([]);
  });

  it('keeps a taken attempt unchanged when the question is edited later', async () => {
    const q = await createQuestion(t, admin, singleQuestion());
    const exam = await publishedExam(t, admin, examInput({ paper: { questionIds: [q.id] } }));
    const s = (await asStudent<AttemptSession>('2025400104', 'POST', `/api/exams/${exam.id}/attempts`)).body;
    await asStudent('2025400104', 'PUT', `/api/attempts/${s.attemptId}/answers/${q.id}`, { answer: ['B'] });
    await asStudent('2025400104', 'POST', `/api/attempts/${s.attemptId}/submit`);
    const edited = await t.request<QuestionDto>('PUT', `/api/questions/${q.id}`, {
      token: admin,
      body: { ...singleQuestion(), stem: '改过的题干', answer: ['C'] },
    });
    expect(edited.body.version).toBe(2);
    const detail = await t.request<AttemptDetail>('GET', `/api/attempts/${s.attemptId}`, {
      token: tokens['2025400104'],
    });
    expect(detail.body.review![0]).toMatchObject({ stem: q.stem, answer: ['B'], correct: true });
    expect(detail.body.score).toBe(100);
  });

  it('records 切屏 and submits once the exam limit is passed', async () => {
    const exam = await fixedExam({ leaveLimit: 1 });
    const s = (await asStudent<AttemptSession>('2025400103', 'POST', `/api/exams/${exam.id}/attempts`)).body;
    expect(s.leaveLimit).toBe(1);
    expect((await asStudent('2025400103', 'POST', `/api/attempts/${s.attemptId}/leave`)).body).toEqual({
      leaveCount: 1,
      leaveLimit: 1,
      submitted: false,
    });
    expect((await asStudent('2025400103', 'POST', `/api/attempts/${s.attemptId}/leave`)).body).toEqual({
      leaveCount: 2,
      leaveLimit: 1,
      submitted: true,
    });
    const results = await t.request<Page<ExamResultRow>>('GET', `/api/exams/${exam.id}/results`, { token: admin });
    expect(results.body.items[0]).toMatchObject({ leaveCount: 2, autoSubmitted: true });
  });

  it('keeps the 切屏 count of an attempt: starting again resumes it, and leaves sent at once still pass the limit', async () => {
    const exam = await fixedExam({ leaveLimit: 2 });
    const url = `/api/exams/${exam.id}/attempts`;
    const s = (await asStudent<AttemptSession>('2025400104', 'POST', url)).body;
    await asStudent('2025400104', 'POST', `/api/attempts/${s.attemptId}/leave`);
    // "Starting" again (a reload, a second tab, a crafted call) is the same attempt with the same count.
    const again = (await asStudent<AttemptSession>('2025400104', 'POST', url)).body;
    expect(again).toMatchObject({ attemptId: s.attemptId, leaveCount: 1 });
    // Two leaves reported together both count, and the one that passes the limit submits the attempt.
    const both = await Promise.all(
      [1, 2].map(() => asStudent<LeaveEventResult>('2025400104', 'POST', `/api/attempts/${s.attemptId}/leave`)),
    );
    expect(Math.max(...both.map((r) => r.body.leaveCount))).toBe(3);
    expect(both.some((r) => r.body.submitted)).toBe(true);
    const results = await t.request<Page<ExamResultRow>>('GET', `/api/exams/${exam.id}/results`, { token: admin });
    expect(results.body.items.find((r) => r.attemptId === s.attemptId)).toMatchObject({
      leaveCount: 3,
      autoSubmitted: true,
    });
  });

  it('hides answers until the exam closes when the review policy says so', async () => {
    const exam = await fixedExam({ reviewPolicy: 'after_close' });
    const s = (await asStudent<AttemptSession>('2025400101', 'POST', `/api/exams/${exam.id}/attempts`)).body;
    await asStudent('2025400101', 'POST', `/api/attempts/${s.attemptId}/submit`);
    const detail = await asStudent<AttemptDetail>('2025400101', 'GET', `/api/attempts/${s.attemptId}`);
    expect(detail.body.review).toBeNull();
    expect(detail.body.reviewNote).toMatch(/考试结束/);
  });

  it("does not let one student read or write another student's attempt", async () => {
    const exam = await fixedExam();
    const s = (await asStudent<AttemptSession>('2025400104', 'POST', `/api/exams/${exam.id}/attempts`)).body;
    const other = tokens['2025400101'];
    expect((await t.request('GET', `/api/attempts/${s.attemptId}`, { token: other })).status).toBe(404);
    expect(
      (
        await t.request('PUT', `/api/attempts/${s.attemptId}/answers/${single.id}`, {
          token: other,
          body: { answer: ['B'] },
        })
      ).status,
    ).toBe(404);
    expect((await t.request('POST', `/api/attempts/${s.attemptId}/submit`, { token: other })).status).toBe(404);
  });

  it('answers bad saves with 4xx in Chinese', async () => {
    const exam = await fixedExam();
    const s = (await asStudent<AttemptSession>('2025400102', 'POST', `/api/exams/${exam.id}/attempts`)).body;
    const cases = [{ answer: ['b'] }, { answer: 'B' }, { answer: ['A', 'A'] }, {}];
    for (const body of cases) {
      const res = await t.request<{ message: string }>('PUT', `/api/attempts/${s.attemptId}/answers/${single.id}`, {
        token: tokens['2025400102'],
        body,
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(
      (
        await t.request('PUT', `/api/attempts/${s.attemptId}/answers/999999`, {
          token: tokens['2025400102'],
          body: { answer: ['A'] },
        })
      ).status,
    ).toBe(404);
    expect(
      (await t.request('PUT', `/api/attempts/abc/answers/1`, { token: tokens['2025400102'], body: { answer: ['A'] } }))
        .status,
    ).toBe(400);
  });

  it('refuses answers with keys the question does not have, in Chinese, and keeps what was saved', async () => {
    const exam = await fixedExam();
    const s = (await asStudent<AttemptSession>('2025400104', 'POST', `/api/exams/${exam.id}/attempts`)).body;
    const save = (qid: number, answer: string[]) =>
      t.request<{ message: string; errors: Array<{ field: string; message: string }> }>(
        'PUT',
        `/api/attempts/${s.attemptId}/answers/${qid}`,
        { token: tokens['2025400104'], body: { answer } },
      );
    expect((await save(single.id, ['B'])).status).toBe(204);
    const refused: Array<[number, string[], RegExp]> = [
      [single.id, ['Z'], /选项 Z 不存在/],
      [judge.id, ['A'], /选项 A 不存在/],
      [judge.id, ['T', 'F'], /判断题/],
      [single.id, ['A', 'B', 'C', 'D'], /单选题只能选一个/],
      [multiple.id, ['A', 'A'], /重复/],
      [multiple.id, ['A', 'E'], /选项 E 不存在/],
    ];
    const check = async () => {
      for (const [qid, answer, message] of refused) {
        const res = await save(qid, answer);
        expect(res.status).toBe(400);
        expect(res.body.message).toMatch(message);
        expect(res.body.errors[0]).toMatchObject({ field: 'answer' });
      }
    };
    await check();
    // An instance that has not seen this attempt yet (another server, a restart) checks the same.
    t.get(AttemptPaperCache).forget(s.attemptId);
    await check();
    expect((await save(multiple.id, ['D', 'A'])).status).toBe(204);
    const resumed = (await asStudent<AttemptSession>('2025400104', 'POST', `/api/exams/${exam.id}/attempts`)).body;
    expect(resumed.answers).toEqual({ [single.id]: ['B'], [multiple.id]: ['A', 'D'] });
    // Practice checks answers with the same rule.
    const practised = await t.request<{ message: string }>('POST', '/api/practice/check', {
      token: tokens['2025410101'],
      body: { questionId: scored.judge.id, answer: ['A'] },
    });
    expect(practised.status).toBe(400);
    expect(practised.body.message).toMatch(/选项 A 不存在/);
  });

  it('puts wrong answers in the 错题本 and takes them out when practised right', async () => {
    const wrong = await asStudent<Page<WrongQuestionDto>>('2025400103', 'GET', '/api/my/wrong-questions');
    const entry = wrong.body.items.find((w) => w.questionId === scored.multiple.id);
    expect(entry).toMatchObject({ lastAnswer: ['A', 'B'], answer: ['A', 'B', 'D'], withheld: null });

    const practice = await asStudent<Array<{ id: number }>>(
      '2025400103',
      'GET',
      '/api/practice/questions?source=wrong',
    );
    expect(practice.body.map((q) => q.id)).toContain(scored.multiple.id);
    const check = await t.request<{ correct: boolean; mastered: boolean }>('POST', '/api/practice/check', {
      token: tokens['2025400103'],
      body: { questionId: scored.multiple.id, answer: ['A', 'B', 'D'] },
    });
    expect(check.body).toMatchObject({ correct: true, mastered: true });
    const after = await t.request<Page<WrongQuestionDto>>('GET', '/api/my/wrong-questions', {
      token: tokens['2025400103'],
    });
    expect(after.body.items.map((w) => w.questionId)).not.toContain(scored.multiple.id);
  });

  it('lets practice draw by fraud type without creating attempts', async () => {
    for (let i = 0; i < 6; i++)
      await createQuestion(
        t,
        admin,
        singleQuestion({ fraudType: FraudType.GameTrading, stem: `游戏交易题 ${i}：低价卖装备要求私下转账可信吗？` }),
      );
    const before = await t.dataSource.getRepository(ExamAttempt).count();
    const res = await asStudent<Array<{ id: number; stem: string }>>(
      '2025400101',
      'GET',
      `/api/practice/questions?fraudType=${FraudType.GameTrading}&count=5`,
    );
    expect(res.body).toHaveLength(5);
    expect(res.body.every((q) => q.stem.includes('游戏交易题'))).toBe(true);
    expect(await t.dataSource.getRepository(ExamAttempt).count()).toBe(before);
    // The 虚假贷款 single questions are all in the pool of the rule-drawn exam this student can
    // still take: practice draws none of them.
    const inReach = await asStudent<unknown[]>(
      '2025400101',
      'GET',
      `/api/practice/questions?fraudType=${FraudType.FakeLoan}`,
    );
    expect(inReach.body).toEqual([]);
  });

  it('never sent an answer key or 解析 to a student before submission', async () => {
    // Bodies of detail/practice-check/wrong-book (after submission or by design) are excluded.
    const preSubmission = studentBodies.filter(
      (b) => (b.includes('"attemptId"') && b.includes('"questions"')) || b.startsWith('[{"id"'),
    );
    expect(preSubmission.length).toBeGreaterThan(10);
    for (const body of preSubmission) {
      expect(body).not.toMatch(/"answer"\s*:|"analysis"\s*:|"correct"\s*:/);
      expect(body).not.toContain('公检法机关不会通过电话要求转账');
      expect(body).not.toContain('刷单就是诈骗，先返小利');
    }
  });
});
