import ExcelJS from 'exceljs';
import {
  computeItemStatistics,
  FraudType,
  type AttemptSession,
  type AwarenessReport,
  type AwarenessRow,
  type ClassDto,
  type CollegeDto,
  type ExamDto,
  type FraudTypeReport,
  type ItemStatisticsRow,
  type NotPassedPerson,
  type NotReachedPerson,
  type Page,
  type QuestionDto,
  type TrendPoint,
} from '@campus/shared';
import { In, IsNull, Not } from 'typeorm';
import { AttemptFinalizer } from '../src/modules/exams/attempt-finalizer';
import { ItemAnalysisQuery } from '../src/modules/stats/item-analysis.query';
import { ItemMoment } from '../src/modules/stats/item-moment.entity';
import { ExamAttempt } from '../src/modules/exams/exam-attempt.entity';
import { AntiFraudAppReport } from '../src/modules/anti-fraud-app/anti-fraud-app-report.entity';
import { CourseCompletion } from '../src/modules/courses/course-completion.entity';
import { Course } from '../src/modules/courses/course.entity';
import { LetterConfirmation } from '../src/modules/letters/letter-confirmation.entity';
import { Letter } from '../src/modules/letters/letter.entity';
import { PromptDelivery } from '../src/modules/prompts/prompt-delivery.entity';
import { User } from '../src/modules/users/user.entity';
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
import { collegeAdmin, teacher } from './factories/roster.factory';

/**
 * A hand-made school where every figure is known. 甲学院 has two 2025 classes and one 2024 class,
 * 乙学院 one 2025 class. The 入学第一考 (3 questions: 40 + 40 + 20, pass 60) is for the 2025 cohort:
 *
 *   a1 100 passed (submitted ten days ago)     b1 100 passed
 *   a2 40 failed, then 80 passed               b2 60 passed (partly right multiple choice = 0)
 *   a3 80, time ran out, never submitted       b3 still writing (deadline ahead)
 *   a4 20 failed
 *   a5 never started
 *   a6 0, time ran out, never submitted
 *   c1, c2 (2024) are not addressed; c1 passed a regular exam, which does not count.
 */
const A = {
  a1: '2025500101',
  a2: '2025500102',
  a3: '2025500103',
  a4: '2025500104',
  a5: '2025500201',
  a6: '2025500202',
  c1: '2024500101',
  c2: '2024500102',
};
const B = { b1: '2025510101', b2: '2025510102', b3: '2025510103' };
const DAY = 24 * 3600_000;

describe('awareness statistics, item analysis and the weekly report', () => {
  let t: TestApp;
  let admin: string;
  let tokens: Record<string, string>;
  let q1: QuestionDto;
  let q2: QuestionDto;
  let q3: QuestionDto;
  let entrance: ExamDto;
  let regular: ExamDto;
  let collegeA: CollegeDto;
  let collegeB: CollegeDto;
  const classes = new Map<string, ClassDto>();
  const userIds = new Map<string, number>();
  const attemptOf = new Map<string, number>();

  const get = async <T>(url: string, token = admin) => {
    const res = await t.request<T>('GET', url, { token });
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** Starts an attempt, saves the answers, and submits unless told not to. */
  async function take(
    username: string,
    exam: ExamDto,
    answers: Array<[QuestionDto, string[]]>,
    submit = true,
  ): Promise<number> {
    const token = tokens[username]!;
    const session = await t.request<AttemptSession>('POST', `/api/exams/${exam.id}/attempts`, { token });
    if (session.status !== 200) throw new Error(`start ${username}: ${session.status} ${JSON.stringify(session.body)}`);
    for (const [question, answer] of answers) {
      const saved = await t.request('PUT', `/api/attempts/${session.body.attemptId}/answers/${question.id}`, {
        token,
        body: { answer },
      });
      if (saved.status !== 204) throw new Error(`save ${username}: ${saved.status}`);
    }
    if (submit) await t.request('POST', `/api/attempts/${session.body.attemptId}/submit`, { token });
    attemptOf.set(username, session.body.attemptId);
    return session.body.attemptId;
  }

  /** Time runs out on an attempt nobody submits. */
  const expire = (attemptId: number) =>
    t.dataSource.getRepository(ExamAttempt).update({ id: attemptId }, { deadline: new Date(Date.now() - 60_000) });

  beforeAll(async () => {
    t = await TestApp.start();
    // The timer that closes expired attempts must not do the statistics' work for them here.
    t.get(AttemptFinalizer).onApplicationShutdown();
    admin = await t.adminToken();
    tokens = await enrolStudents(t, admin, [
      student(A.a1, '甲一', '甲学院', '甲2025-1班'),
      student(A.a2, '甲二', '甲学院', '甲2025-1班'),
      student(A.a3, '甲三', '甲学院', '甲2025-1班'),
      student(A.a4, '甲四', '甲学院', '甲2025-1班'),
      student(A.a5, '甲五', '甲学院', '甲2025-2班'),
      student(A.a6, '甲六', '甲学院', '甲2025-2班'),
      student(A.c1, '甲老生一', '甲学院', '甲2024-1班', '2024'),
      student(A.c2, '甲老生二', '甲学院', '甲2024-1班', '2024'),
      student(B.b1, '乙一', '乙学院', '乙2025-1班'),
      student(B.b2, '乙二', '乙学院', '乙2025-1班'),
      student(B.b3, '乙三', '乙学院', '乙2025-1班'),
      collegeAdmin('XYA001', '甲院管理员', '甲学院'),
      teacher('TA001', '甲老师', '乙学院', '乙2025-1班'),
    ]);
    for (const u of await t.dataSource.getRepository(User).find()) userIds.set(u.username, u.id);
    const colleges = await get<CollegeDto[]>('/api/colleges');
    collegeA = colleges.find((c) => c.name === '甲学院')!;
    collegeB = colleges.find((c) => c.name === '乙学院')!;
    for (const k of await get<ClassDto[]>('/api/classes')) classes.set(k.name, k);

    q1 = await createQuestion(t, admin, singleQuestion({ fraudType: FraudType.ImpersonateAuthority }));
    q2 = await createQuestion(t, admin, multipleQuestion({ fraudType: FraudType.OrderBrushing }));
    q3 = await createQuestion(t, admin, judgeQuestion('T', { fraudType: FraudType.Other }));
    entrance = await publishedExam(
      t,
      admin,
      examInput({
        audience: { enrollmentYears: [2025] },
        paper: { questionIds: [q1.id, q2.id, q3.id], scores: [40, 40, 20] },
        shuffleQuestions: false,
      }),
    );
    regular = await publishedExam(
      t,
      admin,
      examInput({ kind: 'regular', title: '期中反诈测验', paper: { questionIds: [q1.id], scores: [100] } }),
    );

    const right: Array<[QuestionDto, string[]]> = [
      [q1, ['B']],
      [q2, ['A', 'B', 'D']],
      [q3, ['T']],
    ];
    await take(A.a1, entrance, right);
    await take(A.a2, entrance, [[q1, ['B']]]);
    await take(A.a2, entrance, [
      [q1, ['B']],
      [q2, ['A', 'B', 'D']],
      [q3, ['F']],
    ]);
    await expire(
      await take(
        A.a3,
        entrance,
        [
          [q1, ['B']],
          [q2, ['D', 'A', 'B']],
        ],
        false,
      ),
    );
    await take(A.a4, entrance, [
      [q1, ['C']],
      [q3, ['T']],
    ]);
    await expire(await take(A.a6, entrance, [[q1, ['A']]], false));
    await take(B.b1, entrance, right);
    await take(B.b2, entrance, [
      [q1, ['B']],
      [q2, ['A', 'B']],
      [q3, ['T']],
    ]);
    await take(B.b3, entrance, [[q1, ['B']]], false);
    await take(A.c1, regular, [[q1, ['B']]]);

    // a1 passed ten days ago: the week-over-week change sees it.
    const tenDaysAgo = new Date(Date.now() - 10 * DAY);
    await t.dataSource
      .getRepository(ExamAttempt)
      .update(
        { id: attemptOf.get(A.a1)! },
        { startedAt: tenDaysAgo, deadline: new Date(tenDaysAgo.getTime() + 1800_000), submittedAt: tenDaysAgo },
      );

    // The other channels. Course: only a published required course counts.
    const courses = t.dataSource.getRepository(Course);
    const course = (title: string, status: 'draft' | 'published', required: boolean) =>
      courses.save(courses.create({ title, description: '', status, required, deadline: null, audience: {} }));
    const firstLesson = await course('入校第一课', 'published', true);
    const optional = await course('选修：反诈案例', 'published', false);
    const draft = await course('草稿课程', 'draft', true);
    const done = (username: string, courseId: number) =>
      t.dataSource
        .getRepository(CourseCompletion)
        .insert({ userId: userIds.get(username)!, courseId, completedAt: new Date() });
    await done(B.b3, firstLesson.id);
    await done(A.a5, optional.id);
    await done(A.a5, draft.id);
    // Letter to the 2025 freshmen; a confirmation of the 2024 letter by c1 is outside the audience.
    const letters = t.dataSource.getRepository(Letter);
    const letter2025 = await letters.save(
      letters.create({ enrollmentYear: 2025, title: '致2025级新生的一封信', html: '<p>信</p>' }),
    );
    const letter2024 = await letters.save(
      letters.create({ enrollmentYear: 2024, title: '致2024级新生的一封信', html: '<p>信</p>' }),
    );
    const confirm = (username: string, letterId: number) =>
      t.dataSource
        .getRepository(LetterConfirmation)
        .insert({ userId: userIds.get(username)!, letterId, confirmedAt: new Date() });
    await confirm(A.a1, letter2025.id);
    await confirm(B.b1, letter2025.id);
    await confirm(A.c1, letter2024.id);
    // APP: a2 installed it, b2 reported that they have not.
    const app = t.dataSource.getRepository(AntiFraudAppReport);
    await app.insert({
      userId: userIds.get(A.a2)!,
      installed: true,
      registered: true,
      screenshotFileId: null,
      reportedAt: new Date(),
    });
    await app.insert({
      userId: userIds.get(B.b2)!,
      installed: false,
      registered: false,
      screenshotFileId: null,
      reportedAt: new Date(),
    });
    // A 课前3分钟 prompt was given to 乙2025-1班 this week.
    const prompt = await t.request<{ id: number }>('POST', '/api/prompts', {
      token: admin,
      body: {
        title: '刷单返利要警惕',
        story: '同学兼职刷单，先赚小钱后被骗。',
        warningSigns: ['先返小利'],
        actions: ['不刷单'],
        takeaway: '刷单就是诈骗',
        fraudType: FraudType.OrderBrushing,
      },
    });
    expect(prompt.status).toBe(201);
    await t.dataSource.getRepository(PromptDelivery).insert({
      promptId: prompt.body.id,
      classId: classes.get('乙2025-1班')!.id,
      teacherId: userIds.get('TA001')!,
      deliveredAt: new Date(),
    });
  });
  afterAll(() => t.close());

  const row = (report: AwarenessReport, name: string): AwarenessRow => {
    const found = report.rows.find((r) => r.name === name);
    if (!found) throw new Error(`no row ${name} in ${report.rows.map((r) => r.name).join(',')}`);
    return found;
  };

  it('counts awareness per college: people addressed, participation, passes and average best score', async () => {
    const report = await get<AwarenessReport>('/api/stats/awareness?groupBy=college');
    expect(report.exams).toEqual([{ id: entrance.id, title: entrance.title }]);
    expect(report.rows.map((r) => r.name)).toEqual(['甲学院', '乙学院']);
    expect(row(report, '甲学院')).toMatchObject({
      id: collegeA.id,
      people: 6,
      participated: 5,
      passed: 3,
      participationRate: 5 / 6,
      awarenessRate: 0.5,
      avgScore: 56,
    });
    expect(row(report, '乙学院')).toMatchObject({
      id: collegeB.id,
      people: 3,
      participated: 2,
      passed: 2,
      participationRate: 2 / 3,
      awarenessRate: 2 / 3,
      avgScore: 80,
    });
    expect(report.total).toMatchObject({
      id: null,
      people: 9,
      participated: 7,
      passed: 5,
      awarenessRate: 5 / 9,
      avgScore: 62.86,
    });
  });

  it('counts attempts expired without submit at their saved answers, without closing them', async () => {
    const report = await get<AwarenessReport>(`/api/stats/awareness?groupBy=class&collegeId=${collegeA.id}`);
    // a3 (80 at the deadline) passed; a6 (0) took part and failed.
    expect(row(report, '甲2025-1班')).toMatchObject({ people: 4, participated: 4, passed: 3 });
    expect(row(report, '甲2025-2班')).toMatchObject({ people: 2, participated: 1, passed: 0, avgScore: 0 });
    const stored = await t.dataSource.getRepository(ExamAttempt).findOneByOrFail({ id: attemptOf.get(A.a3)! });
    expect(stored.submittedAt).toBeNull();
    const notPassed = await get<Page<NotPassedPerson>>('/api/stats/not-passed');
    expect(notPassed.items.map((p) => p.username)).not.toContain(A.a3);
  });

  it('gives the week-over-week change from what had happened seven days before', async () => {
    const report = await get<AwarenessReport>('/api/stats/awareness');
    expect(row(report, '甲学院')).toMatchObject({ awarenessRateWeekAgo: 1 / 6 });
    expect(row(report, '甲学院').awarenessChange).toBeCloseTo(2 / 6, 12);
    expect(row(report, '乙学院')).toMatchObject({ awarenessRateWeekAgo: 0, awarenessChange: 2 / 3 });
    expect(row(report, '甲学院').coverageRateWeekAgo).toBeCloseTo(1 / 6, 12);
  });

  it('counts every channel and the coverage of people reached by at least one of them', async () => {
    const report = await get<AwarenessReport>('/api/stats/awareness');
    expect(report.channels).toEqual({ course: true, letter: true, app: true, prompt: true });
    expect(row(report, '甲学院')).toMatchObject({
      courseCompleted: 0,
      letterPeople: 6,
      letterConfirmed: 1,
      appInstalled: 1,
      appInstallRate: 1 / 6,
      promptDeliveries: 0,
      reached: 5,
      coverageRate: 5 / 6,
    });
    expect(row(report, '乙学院')).toMatchObject({
      courseCompleted: 1,
      courseCompletionRate: 1 / 3,
      letterConfirmed: 1,
      letterConfirmationRate: 1 / 3,
      appInstalled: 0,
      promptDeliveries: 1,
      promptDeliveriesWeek: 1,
      classesPromptedWeek: 1,
      reached: 3,
      coverageRate: 1,
    });
    expect(report.total).toMatchObject({ reached: 8, coverageRate: 8 / 9, letterPeople: 9, letterConfirmed: 2 });
    const notReached = await get<Page<NotReachedPerson>>('/api/stats/not-reached');
    expect(notReached).toEqual({
      total: 1,
      items: [
        expect.objectContaining({
          username: A.a5,
          className: '甲2025-2班',
          collegeName: '甲学院',
          enrollmentYear: 2025,
        }),
      ],
    });
  });

  it('lists who has not passed, with attempts used and best score, as many as people − passed', async () => {
    const page = await get<Page<NotPassedPerson>>('/api/stats/not-passed?pageSize=2');
    expect(page.total).toBe(4);
    expect(page.items.map((p) => p.username)).toEqual([A.a4, A.a5]);
    const all = await get<Page<NotPassedPerson>>('/api/stats/not-passed');
    expect(all.items.map((p) => [p.username, p.className, p.attemptsUsed, p.bestScore])).toEqual([
      [A.a4, '甲2025-1班', 1, 20],
      [A.a5, '甲2025-2班', 0, null],
      [A.a6, '甲2025-2班', 1, 0],
      [B.b3, '乙2025-1班', 1, null],
    ]);
    expect(all.items[0]).toEqual({
      userId: userIds.get(A.a4),
      username: A.a4,
      name: '甲四',
      className: '甲2025-1班',
      collegeName: '甲学院',
      enrollmentYear: 2025,
      phone: null,
      adviserName: null,
      adviserPhone: null,
      attemptsUsed: 1,
      bestScore: 20,
    });
    const beyond = await get<Page<NotPassedPerson>>('/api/stats/not-passed?page=9&pageSize=2');
    expect(beyond).toEqual({ items: [], total: 4 });
    const oneClass = await get<Page<NotPassedPerson>>(`/api/stats/not-passed?classId=${classes.get('乙2025-1班')!.id}`);
    expect(oneClass.items.map((p) => p.username)).toEqual([B.b3]);
  });

  it('counts one exam on its own when asked, with that exam’s audience', async () => {
    const report = await get<AwarenessReport>(`/api/stats/awareness?examId=${regular.id}`);
    expect(report.total).toMatchObject({ people: 11, participated: 1, passed: 1 });
    expect(row(report, '甲学院')).toMatchObject({ people: 8, passed: 1 });
    const year2024 = await get<AwarenessReport>(`/api/stats/awareness?examId=${regular.id}&enrollmentYear=2024`);
    expect(year2024.total).toMatchObject({ people: 2, passed: 1, awarenessRate: 0.5 });
    expect((await t.request('GET', '/api/stats/awareness?examId=99999', { token: admin })).status).toBe(404);
  });

  it('gives the correct rate per fraud type, per college, expired attempts included', async () => {
    const report = await get<FraudTypeReport>('/api/stats/fraud-types');
    const rate = (rates: FraudTypeReport['total'], type: FraudType) => rates.find((r) => r.fraudType === type)!;
    const a = report.colleges.find((c) => c.id === collegeA.id)!.rates;
    const b = report.colleges.find((c) => c.id === collegeB.id)!.rates;
    // 甲: a1, a2 ×2, a3, a4, a6 = six papers.
    expect(rate(a, FraudType.ImpersonateAuthority)).toEqual({
      fraudType: FraudType.ImpersonateAuthority,
      answered: 6,
      correct: 4,
      rate: 4 / 6,
    });
    expect(rate(a, FraudType.OrderBrushing)).toMatchObject({ answered: 6, correct: 3 });
    expect(rate(a, FraudType.Other)).toMatchObject({ answered: 6, correct: 2 });
    expect(rate(b, FraudType.OrderBrushing)).toMatchObject({ answered: 2, correct: 1, rate: 0.5 });
    expect(rate(report.total, FraudType.ImpersonateAuthority)).toMatchObject({ answered: 8, correct: 6 });
    expect(rate(report.total, FraudType.FakeLoan)).toEqual({
      fraudType: FraudType.FakeLoan,
      answered: 0,
      correct: 0,
      rate: null,
    });
  });

  it('stores a weak-spot tally on each closed attempt, and counts attempts closed before tallies from their answers', async () => {
    const a1 = await t.dataSource.getRepository(ExamAttempt).findOneByOrFail({ id: attemptOf.get(A.a1)! });
    expect(a1.fraudTally).toBe('impersonate_authority:1:1,order_brushing:1:1,other:1:1');
    const before = await get<FraudTypeReport>('/api/stats/fraud-types');
    const repo = t.dataSource.getRepository(ExamAttempt);
    const tallied = await repo.find({ where: { fraudTally: Not(IsNull()) }, select: { id: true, fraudTally: true } });
    expect(tallied.length).toBeGreaterThanOrEqual(6);
    // Half of them as an older release left them: no tally, counted from the answers.
    const legacy = tallied.filter((_, i) => i % 2 === 0);
    await repo.update({ id: In(legacy.map((a) => a.id)) }, { fraudTally: null });
    try {
      expect(await get<FraudTypeReport>('/api/stats/fraud-types')).toEqual(before);
    } finally {
      for (const a of legacy) await repo.update({ id: a.id }, { fraudTally: a.fraudTally });
    }
  });

  /** The finished papers' marks, expired ones scored at their saved answers (b3 is still writing). */
  const papers = [
    [40, 40, 20], // a1
    [40, 0, 0], // a2, first try
    [40, 40, 0], // a2, second try
    [40, 40, 0], // a3, expired
    [0, 0, 20], // a4
    [0, 0, 0], // a6, expired
    [40, 40, 20], // b1
    [40, 0, 20], // b2
  ];

  function expectItems(items: ItemStatisticsRow[], marks: number[][]): void {
    const ids = [q1.id, q2.id, q3.id];
    const expected = computeItemStatistics(
      marks.map((paper) => new Map(paper.map((mark, i) => [ids[i]!, mark]))),
      new Map([
        [q1.id, 40],
        [q2.id, 40],
        [q3.id, 20],
      ]),
    );
    expect(items.map((i) => i.questionId)).toEqual(ids);
    items.forEach((item, i) => {
      const want = expected[i]!;
      expect(item.attempts).toBe(marks.length);
      expect(item.facility).toBeCloseTo(want.facility!, 12);
      expect(item.sd).toBeCloseTo(want.sd!, 12);
      expect(item.discriminationIndex).toBeCloseTo(want.discriminationIndex!, 9);
    });
  }

  it('analyses items as Moodle does, through the same computation as the fixture test', async () => {
    const items = await get<ItemStatisticsRow[]>(`/api/stats/items?examId=${entrance.id}`);
    expectItems(items, papers);
    expect(items[0]).toMatchObject({
      facility: 0.75,
      maxMark: 40,
      type: 'single',
      fraudType: FraudType.ImpersonateAuthority,
    });
    // The six submitted attempts are now folded into the stored sums; the two expired ones are not.
    const folded = await t.dataSource
      .getRepository(ItemMoment)
      .findOneByOrFail({ examId: entrance.id, questionId: q1.id });
    expect(folded).toMatchObject({ n: 6, sumX: 200, maxMark: 40 });
  });

  it('keeps a college admin to their own college', async () => {
    const token = tokens.XYA001!;
    const report = await get<AwarenessReport>('/api/stats/awareness', token);
    expect(report.rows.map((r) => r.name)).toEqual(['甲学院']);
    expect(report.total).toMatchObject({ people: 6, passed: 3 });
    expect(
      (await t.request<{ message: string }>('GET', `/api/stats/awareness?collegeId=${collegeB.id}`, { token })).status,
    ).toBe(403);
    expect((await t.request('GET', `/api/stats/not-passed?collegeId=${collegeB.id}`, { token })).status).toBe(403);
    const mine = await get<Page<NotPassedPerson>>('/api/stats/not-passed', token);
    expect(mine.items.map((p) => p.username)).toEqual([A.a4, A.a5, A.a6]);
    const otherClass = await get<Page<NotPassedPerson>>(
      `/api/stats/not-passed?classId=${classes.get('乙2025-1班')!.id}`,
      token,
    );
    expect(otherClass.total).toBe(0);
    const fraud = await get<FraudTypeReport>('/api/stats/fraud-types', token);
    expect(fraud.colleges.map((c) => c.name)).toEqual(['甲学院']);
    const items = await get<ItemStatisticsRow[]>(`/api/stats/items?examId=${entrance.id}`, token);
    expect(items[0]!.attempts).toBe(6);
    expect((await t.request('GET', '/api/stats/awareness', { token: tokens[A.a1] })).status).toBe(403);
  });

  it('exports the awareness table and the not-passed list to Excel', async () => {
    const file = await t.request('GET', '/api/stats/awareness/export?groupBy=class', { token: admin });
    expect(file.status).toBe(200);
    expect(String(file.headers['content-type'])).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.raw as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const cells = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(cells(1).slice(0, 4)).toEqual(['班级', '学院', '入学年份', '应考人数']);
    expect(cells(2).slice(0, 8)).toEqual(['甲2025-1班', '甲学院', 2025, 4, 4, 100, 3, 75]);
    expect(cells(5).slice(0, 1)).toEqual(['合计']);
    expect(sheet.rowCount).toBe(5);

    const list = await t.request('GET', '/api/stats/not-passed/export', { token: admin });
    const listBook = new ExcelJS.Workbook();
    await listBook.xlsx.load(list.raw as unknown as ArrayBuffer);
    expect(listBook.worksheets[0]!.rowCount).toBe(5);
  });

  it('shows the trend at each Friday cut-off and now', async () => {
    const points = await get<TrendPoint[]>('/api/stats/trend?weeks=3');
    expect(points).toHaveLength(4);
    expect(points.at(-1)).toMatchObject({ people: 9, awarenessRate: 5 / 9, coverageRate: 8 / 9 });
    // Three Fridays ago nobody had done anything yet.
    expect(points[0]).toMatchObject({ awarenessRate: 0, participationRate: 0 });
    expect(points.map((p) => p.asOf)).toEqual([...points.map((p) => p.asOf)].sort());
  });

  // Last: it adds an attempt, which the figures above do not expect.
  it('counts an attempt submitted after the sums were folded, before and after it is folded too', async () => {
    await take(A.a5, entrance, [
      [q1, ['B']],
      [q3, ['T']],
    ]);
    const withA5 = [...papers, [40, 0, 20]];
    const fold = jest.spyOn(ItemAnalysisQuery.prototype, 'fold').mockResolvedValueOnce(undefined);
    expectItems(await get<ItemStatisticsRow[]>(`/api/stats/items?examId=${entrance.id}`), withA5);
    expect(fold).toHaveBeenCalled();
    fold.mockRestore();
    expectItems(await get<ItemStatisticsRow[]>(`/api/stats/items?examId=${entrance.id}`), withA5);
    expect(
      await t.dataSource.getRepository(ItemMoment).findOneByOrFail({ examId: entrance.id, questionId: q1.id }),
    ).toMatchObject({ n: 7, sumX: 240 });
  });
});
