import type {
  AttemptDetail,
  AttemptSession,
  AuditLogDto,
  AwarenessReport,
  ExamCloseResult,
  ExamDto,
  ExamExceptionDto,
  ExamResultRow,
  ItemStatisticsRow,
  MyExamDto,
  Page,
  QuestionDto,
  SubmitResult,
} from '@campus/shared';
import { ExamAttempt } from '../src/modules/exams/exam-attempt.entity';
import { ExamException } from '../src/modules/exams/exam-exception.entity';
import { ItemMomentAttempt } from '../src/modules/stats/item-moment.entity';
import { TestApp } from './harness';
import {
  createQuestion,
  enrolStudents,
  examInput,
  judgeQuestion,
  publishedExam,
  student,
} from './factories/exam.factory';
import { collegeAdmin } from './factories/roster.factory';

const MINUTE = 60_000;

describe('managing an exam after publishing', () => {
  let t: TestApp;
  let admin: string;
  let tokens: Record<string, string>;
  let right: QuestionDto;
  let wrong: QuestionDto;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    tokens = await enrolStudents(t, admin, [
      student('2025700101', '管考甲', '管考学院', '管考2025-1班'),
      student('2025700102', '管考乙', '管考学院', '管考2025-1班'),
      student('2025700103', '管考丙', '管考学院', '管考2025-1班'),
      student('2025700104', '管考丁', '管考学院', '管考2025-1班'),
      student('2025710101', '别院戊', '别的学院', '别院2025-1班'),
      collegeAdmin('XY7001', '管考院管理员', '管考学院'),
    ]);
    right = await createQuestion(t, admin, judgeQuestion('T'));
    wrong = await createQuestion(t, admin, judgeQuestion('F'));
  });
  afterAll(() => t.close());

  const as = <T>(token: string, method: string, url: string, body?: unknown) =>
    t.request<T>(method, url, { token, body });
  const exam = (overrides: Parameters<typeof examInput>[0] = {}) =>
    publishedExam(
      t,
      admin,
      examInput({
        title: `管理测试 ${Math.random().toString(36).slice(2, 7)}`,
        kind: 'regular',
        paper: { questionIds: [right.id, wrong.id], scores: [50, 50] },
        passScore: 100,
        shuffleQuestions: false,
        shuffleOptions: false,
        ...overrides,
      }),
    );
  const start = (username: string, examId: number) =>
    as<AttemptSession>(tokens[username]!, 'POST', `/api/exams/${examId}/attempts`);
  const attemptRow = (id: number) => t.dataSource.getRepository(ExamAttempt).findOneByOrFail({ id });
  const auditOf = async (action: string) =>
    (await as<Page<AuditLogDto>>(admin, 'GET', `/api/audit-logs?action=${action}&pageSize=5`)).body.items;
  const mine = async (username: string, examId: number) =>
    (await as<MyExamDto[]>(tokens[username]!, 'GET', '/api/my/exams')).body.find((e) => e.id === examId);

  describe('extending or shortening the window', () => {
    it('extends: an attempt capped by the old close runs to its full duration, students see the new close', async () => {
      const e = await exam({ closesAt: new Date(Date.now() + 10 * MINUTE).toISOString(), durationMinutes: 30 });
      expect((await mine('2025700101', e.id))?.closesAt).toBe(e.closesAt); // cached now
      const session = (await start('2025700101', e.id)).body;
      expect(new Date(session.deadline).getTime()).toBe(new Date(e.closesAt).getTime());
      const closesAt = new Date(Date.now() + 2 * 3600_000).toISOString();
      const res = await as<ExamDto>(admin, 'PUT', `/api/exams/${e.id}/window`, { closesAt });
      expect(res.status).toBe(200);
      expect(res.body.closesAt).toBe(closesAt);
      const row = await attemptRow(session.attemptId);
      expect(row.deadline.getTime()).toBe(row.startedAt.getTime() + 30 * MINUTE);
      expect((await start('2025700101', e.id)).body.deadline).toBe(row.deadline.toISOString()); // resumed
      expect((await mine('2025700101', e.id))?.closesAt).toBe(closesAt);
      const [entry] = await auditOf('exam.window');
      expect(entry?.targetId).toBe(String(e.id));
      expect(entry?.summary).toContain('1 个进行中的作答延后了截止时间');
    });

    it('shortens: an attempt in progress keeps its deadline, a new one gets the new close', async () => {
      const e = await exam({ durationMinutes: 30 });
      const first = (await start('2025700101', e.id)).body;
      const closesAt = new Date(Date.now() + 5 * MINUTE).toISOString();
      expect((await as(admin, 'PUT', `/api/exams/${e.id}/window`, { closesAt })).status).toBe(200);
      const kept = await attemptRow(first.attemptId);
      expect(kept.deadline.toISOString()).toBe(first.deadline);
      expect(kept.deadline.getTime()).toBeGreaterThan(new Date(closesAt).getTime());
      const second = (await start('2025700102', e.id)).body;
      expect(second.deadline).toBe(closesAt);
    });

    it('refuses a close in the past, before the opening, a moved opening once started, and drafts', async () => {
      const e = await exam();
      const past = await as<{ errors: Array<{ field: string; message: string }> }>(
        admin,
        'PUT',
        `/api/exams/${e.id}/window`,
        { closesAt: new Date(Date.now() - MINUTE).toISOString() },
      );
      expect(past.status).toBe(400);
      expect(past.body.errors[0]).toMatchObject({ field: 'closesAt', message: expect.stringContaining('提前结束') });
      const before = await as<{ errors: Array<{ field: string }> }>(admin, 'PUT', `/api/exams/${e.id}/window`, {
        opensAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
        closesAt: new Date(Date.now() + 3600_000).toISOString(),
      });
      expect(before.status).toBe(400);
      expect(before.body.errors[0]?.field).toBe('closesAt');
      await start('2025700101', e.id);
      const moved = await as<{ errors: Array<{ field: string }> }>(admin, 'PUT', `/api/exams/${e.id}/window`, {
        opensAt: new Date(Date.now() + MINUTE).toISOString(),
        closesAt: new Date(Date.now() + 3600_000).toISOString(),
      });
      expect(moved.status).toBe(400);
      expect(moved.body.errors[0]?.field).toBe('opensAt');
      const draft = await as<ExamDto>(admin, 'POST', '/api/exams', examInput({ paper: { questionIds: [right.id] } }));
      const closesAt = new Date(Date.now() + 3600_000).toISOString();
      expect((await as(admin, 'PUT', `/api/exams/${draft.body.id}/window`, { closesAt })).status).toBe(409);
      expect((await as(tokens.XY7001!, 'PUT', `/api/exams/${e.id}/window`, { closesAt })).status).toBe(403);
      expect((await t.dataSource.getRepository('exam').findOneByOrFail({ id: e.id })).closesAt).toEqual(
        new Date(e.closesAt),
      );
    });
  });

  describe('closing early', () => {
    it('submits every attempt in progress with what was saved, at once, and refuses new starts', async () => {
      const e = await exam({ maxAttempts: 3 });
      const a = (await start('2025700101', e.id)).body;
      const b = (await start('2025700102', e.id)).body;
      const c = (await start('2025700103', e.id)).body;
      // a answers both right, b one right, c submits before the close.
      await as(tokens['2025700101']!, 'PUT', `/api/attempts/${a.attemptId}/answers/${right.id}`, { answer: ['T'] });
      await as(tokens['2025700101']!, 'PUT', `/api/attempts/${a.attemptId}/answers/${wrong.id}`, { answer: ['F'] });
      await as(tokens['2025700102']!, 'PUT', `/api/attempts/${b.attemptId}/answers/${right.id}`, { answer: ['T'] });
      const own = await as<SubmitResult>(tokens['2025700103']!, 'POST', `/api/attempts/${c.attemptId}/submit`);

      const closed = await as<ExamCloseResult>(admin, 'POST', `/api/exams/${e.id}/close`);
      expect(closed.status).toBe(200);
      expect(closed.body.submittedAttempts).toBe(2);
      expect(new Date(closed.body.exam.closesAt).getTime()).toBeLessThanOrEqual(Date.now());

      const ra = await as<AttemptDetail>(tokens['2025700101']!, 'GET', `/api/attempts/${a.attemptId}`);
      expect(ra.body).toMatchObject({ status: 'submitted', score: 100, passed: true, autoSubmitted: true });
      const rb = await as<AttemptDetail>(tokens['2025700102']!, 'GET', `/api/attempts/${b.attemptId}`);
      expect(rb.body).toMatchObject({ status: 'submitted', score: 50, passed: false, autoSubmitted: true });
      const rc = await as<AttemptDetail>(tokens['2025700103']!, 'GET', `/api/attempts/${c.attemptId}`);
      expect(rc.body).toMatchObject({ score: own.body.score, submittedAt: own.body.submittedAt, autoSubmitted: false });

      const save = await as(tokens['2025700102']!, 'PUT', `/api/attempts/${b.attemptId}/answers/${wrong.id}`, {
        answer: ['F'],
      });
      expect(save.status).toBe(409);
      expect((await start('2025700102', e.id)).status).toBe(409);
      expect((await mine('2025700102', e.id))?.reason).toBe('考试已结束');
      expect((await as(admin, 'POST', `/api/exams/${e.id}/close`)).status).toBe(409);
      const [entry] = await auditOf('exam.close');
      expect(entry?.summary).toContain('2 份进行中的答卷');
    });

    it('is idempotent with a student submitting at the same moment: one result, counted once', async () => {
      const e = await exam();
      const a = (await start('2025700104', e.id)).body;
      await as(tokens['2025700104']!, 'PUT', `/api/attempts/${a.attemptId}/answers/${right.id}`, { answer: ['T'] });
      const [submit, close] = await Promise.all([
        as<SubmitResult>(tokens['2025700104']!, 'POST', `/api/attempts/${a.attemptId}/submit`),
        as<ExamCloseResult>(admin, 'POST', `/api/exams/${e.id}/close`),
      ]);
      expect(submit.status).toBe(200);
      expect(close.status).toBe(200);
      const row = await attemptRow(a.attemptId);
      expect(row.score).toBe(50);
      expect(submit.body.submittedAt).toBe(row.submittedAt!.toISOString());
      expect(close.body.submittedAttempts).toBe(row.autoSubmitted ? 1 : 0);
      expect(await t.dataSource.getRepository(ExamAttempt).countBy({ examId: e.id })).toBe(1);
    });

    it('is for school admins only', async () => {
      const e = await exam();
      expect((await as(tokens.XY7001!, 'POST', `/api/exams/${e.id}/close`)).status).toBe(403);
    });
  });

  describe('extra time and extra attempts for named students (补考/缓考)', () => {
    it('gives an extra attempt and extra minutes, shown in 我的考试 at once, and audited with the reason', async () => {
      const e = await exam({ maxAttempts: 1, durationMinutes: 20 });
      const first = (await start('2025700101', e.id)).body;
      await as(tokens['2025700101']!, 'POST', `/api/attempts/${first.attemptId}/submit`);
      expect(await mine('2025700101', e.id)).toMatchObject({ canStart: false, reason: '作答次数已用完' });
      expect((await start('2025700101', e.id)).status).toBe(409);

      const res = await as<ExamExceptionDto[]>(admin, 'POST', `/api/exams/${e.id}/exceptions`, {
        usernames: ['2025700101'],
        extraMinutes: 15,
        extraAttempts: 1,
        reason: '补考：首次考试时网络故障',
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        expect.objectContaining({
          username: '2025700101',
          extraMinutes: 15,
          extraAttempts: 1,
          reason: '补考：首次考试时网络故障',
        }),
      ]);
      expect(await mine('2025700101', e.id)).toMatchObject({ canStart: true, maxAttempts: 2, durationMinutes: 35 });
      const second = await start('2025700101', e.id);
      expect(second.status).toBe(200);
      const row = await attemptRow(second.body.attemptId);
      expect(row.attemptNo).toBe(2);
      expect(row.deadline.getTime()).toBe(row.startedAt.getTime() + 35 * MINUTE);
      // Others keep the exam's own rule.
      const other = await attemptRow((await start('2025700102', e.id)).body.attemptId);
      expect(other.deadline.getTime()).toBe(other.startedAt.getTime() + 20 * MINUTE);

      const [entry] = await auditOf('exam.exception');
      expect(entry?.summary).toContain(
        '管考甲（2025700101）延长 15 分钟、增加 1 次作答，原因：补考：首次考试时网络故障',
      );
      expect(entry?.details).toMatchObject({ extraMinutes: 15, extraAttempts: 1 });
    });

    it('adds the minutes to an attempt in progress right away', async () => {
      const e = await exam({ durationMinutes: 20 });
      const session = (await start('2025700103', e.id)).body;
      const res = await as(admin, 'POST', `/api/exams/${e.id}/exceptions`, {
        usernames: ['2025700103'],
        extraMinutes: 10,
        extraAttempts: 0,
        reason: '缓考：考试中电脑故障',
      });
      expect(res.status).toBe(200);
      const row = await attemptRow(session.attemptId);
      expect(row.deadline.getTime()).toBe(row.startedAt.getTime() + 30 * MINUTE);
      expect((await start('2025700103', e.id)).body.deadline).toBe(row.deadline.toISOString());
      // Taking the grant back never cuts the attempt in progress short.
      const { userId } = await t.dataSource.getRepository(ExamException).findOneByOrFail({ examId: e.id });
      expect((await as(admin, 'DELETE', `/api/exams/${e.id}/exceptions/${userId}`)).status).toBe(204);
      expect((await attemptRow(session.attemptId)).deadline).toEqual(row.deadline);
      expect((await auditOf('exam.exception-revoke'))[0]?.summary).toContain('管考丙（2025700103）');
    });

    it('is all or nothing and names the field: an unknown 学号, a missing reason, nothing to grant', async () => {
      const e = await exam({ maxAttempts: 1 });
      const unknown = await as<{ errors: Array<{ field: string; message: string }> }>(
        admin,
        'POST',
        `/api/exams/${e.id}/exceptions`,
        { usernames: ['2025700101', '2099999999'], extraMinutes: 5, extraAttempts: 0, reason: '补考' },
      );
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors[0]).toEqual({ field: 'usernames', message: '学号 2099999999 不存在' });
      const blank = await as<{ errors: Array<{ field: string }> }>(admin, 'POST', `/api/exams/${e.id}/exceptions`, {
        usernames: ['2025700101'],
        extraMinutes: 5,
        extraAttempts: 0,
        reason: '   ',
      });
      expect(blank.status).toBe(400);
      expect(blank.body.errors[0]?.field).toBe('reason');
      const nothing = await as<{ errors: Array<{ field: string }> }>(admin, 'POST', `/api/exams/${e.id}/exceptions`, {
        usernames: ['2025700101'],
        extraMinutes: 0,
        extraAttempts: 0,
        reason: '补考',
      });
      expect(nothing.status).toBe(400);
      expect(nothing.body.errors[0]?.field).toBe('extraMinutes');
      expect(await t.dataSource.getRepository(ExamException).countBy({ examId: e.id })).toBe(0);
    });

    it("lets a college admin grant for their college's students only, and list only those", async () => {
      const e = await exam({ maxAttempts: 1 });
      const body = { extraMinutes: 0, extraAttempts: 1, reason: '缓考：病假' };
      const outside = await as(tokens.XY7001!, 'POST', `/api/exams/${e.id}/exceptions`, {
        ...body,
        usernames: ['2025700102', '2025710101'],
      });
      expect(outside.status).toBe(403);
      expect(await t.dataSource.getRepository(ExamException).countBy({ examId: e.id })).toBe(0);
      expect(
        (await as(tokens.XY7001!, 'POST', `/api/exams/${e.id}/exceptions`, { ...body, usernames: ['2025700102'] }))
          .status,
      ).toBe(200);
      expect(
        (await as(admin, 'POST', `/api/exams/${e.id}/exceptions`, { ...body, usernames: ['2025710101'] })).status,
      ).toBe(200);
      const seen = await as<ExamExceptionDto[]>(tokens.XY7001!, 'GET', `/api/exams/${e.id}/exceptions`);
      expect(seen.body.map((x) => x.username)).toEqual(['2025700102']);
      const all = await as<ExamExceptionDto[]>(admin, 'GET', `/api/exams/${e.id}/exceptions`);
      expect(all.body.map((x) => x.username).sort()).toEqual(['2025700102', '2025710101']);
      expect((await as(tokens['2025700102']!, 'GET', `/api/exams/${e.id}/exceptions`)).status).toBe(403);
    });
  });

  describe("resetting one student's attempt", () => {
    it('removes it from results, statistics and the attempts used; the audit entry keeps its score and answers', async () => {
      const e = await exam({ maxAttempts: 1 });
      const session = (await start('2025700104', e.id)).body;
      await as(tokens['2025700104']!, 'PUT', `/api/attempts/${session.attemptId}/answers/${right.id}`, {
        answer: ['T'],
      });
      await as(tokens['2025700104']!, 'POST', `/api/attempts/${session.attemptId}/submit`);
      const awareness = () =>
        as<AwarenessReport>(admin, 'GET', `/api/stats/awareness?groupBy=college&examId=${e.id}`).then(
          (r) => r.body.total,
        );
      expect((await awareness()).participated).toBe(1);
      // Item analysis folds submitted attempts; the reset must leave the folded sums too.
      const itemAttempts = async () =>
        (await as<ItemStatisticsRow[]>(admin, 'GET', `/api/stats/items?examId=${e.id}`)).body.map((r) => r.attempts);
      expect(await itemAttempts()).toEqual([1, 1]);
      expect(await t.dataSource.getRepository(ItemMomentAttempt).countBy({ examId: e.id })).toBe(1);

      const noReason = await as<{ errors: Array<{ field: string }> }>(
        admin,
        'POST',
        `/api/exams/${e.id}/attempts/${session.attemptId}/reset`,
        {},
      );
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors[0]?.field).toBe('reason');
      const res = await as(admin, 'POST', `/api/exams/${e.id}/attempts/${session.attemptId}/reset`, {
        reason: '监考记录：考生误交白卷',
      });
      expect(res.status).toBe(204);

      const results = await as<Page<ExamResultRow>>(admin, 'GET', `/api/exams/${e.id}/results`);
      expect(results.body.total).toBe(0);
      expect((await awareness()).participated).toBe(0);
      expect((await itemAttempts()).every((n) => n === 0)).toBe(true);
      expect(await mine('2025700104', e.id)).toMatchObject({ attemptsUsed: 0, canStart: true });
      const again = await start('2025700104', e.id);
      expect(again.status).toBe(200);
      expect((await attemptRow(again.body.attemptId)).attemptNo).toBe(1);

      const [entry] = await auditOf('exam.attempt-reset');
      expect(entry?.summary).toContain(
        '重置 管考丁（2025700104）的第 1 次作答（50 分，未通过），原因：监考记录：考生误交白卷',
      );
      expect(entry?.details).toMatchObject({
        attempt: { id: session.attemptId, score: 50, passed: false },
        answers: expect.arrayContaining([{ questionId: right.id, answer: 'T', awarded: 50 }]),
      });
    });

    it('resets an attempt in progress; its saves stop; college admins reach their own students only', async () => {
      const e = await exam();
      const mineAttempt = (await start('2025700102', e.id)).body;
      const outsider = (await start('2025710101', e.id)).body;
      expect(
        (await as(tokens.XY7001!, 'POST', `/api/exams/${e.id}/attempts/${outsider.attemptId}/reset`, { reason: 'x' }))
          .status,
      ).toBe(404);
      expect(
        (
          await as(tokens.XY7001!, 'POST', `/api/exams/${e.id}/attempts/${mineAttempt.attemptId}/reset`, {
            reason: '考试中设备故障，重新开始',
          })
        ).status,
      ).toBe(204);
      const save = await as(
        tokens['2025700102']!,
        'PUT',
        `/api/attempts/${mineAttempt.attemptId}/answers/${right.id}`,
        {
          answer: ['T'],
        },
      );
      expect(save.status).toBe(404);
      expect(await t.dataSource.getRepository(ExamAttempt).countBy({ examId: e.id })).toBe(1);
      // The attempt id belongs to this exam only.
      const otherExam = await exam();
      expect(
        (await as(admin, 'POST', `/api/exams/${otherExam.id}/attempts/${outsider.attemptId}/reset`, { reason: 'x' }))
          .status,
      ).toBe(404);
    });
  });

  describe('copying and deleting', () => {
    it('copies a published exam as a draft with the same settings and paper', async () => {
      const e = await exam({ maxAttempts: 2, leaveLimit: 3, audience: { enrollmentYears: [2025] } });
      const res = await as<ExamDto>(admin, 'POST', `/api/exams/${e.id}/copy`);
      expect(res.status).toBe(201);
      const { id, title, status, publishedAt, createdAt, ...settings } = res.body;
      const { id: _i, title: _t, status: _s, publishedAt: _p, createdAt: _c, ...original } = e;
      expect(id).not.toBe(e.id);
      expect(title).toBe(`${e.title}（副本）`);
      expect(status).toBe('draft');
      expect(publishedAt).toBeNull();
      expect(createdAt).toBeTruthy();
      expect(settings).toEqual(original);
      expect((await auditOf('exam.copy'))[0]?.summary).toBe(`复制考试「${e.title}」为草稿「${title}」`);
      expect((await as(tokens.XY7001!, 'POST', `/api/exams/${e.id}/copy`)).status).toBe(403);
    });

    it('deletes a draft and refuses a published exam', async () => {
      const e = await exam();
      const refused = await as<{ message: string }>(admin, 'DELETE', `/api/exams/${e.id}`);
      expect(refused.status).toBe(409);
      expect(refused.body.message).toContain('只能删除草稿');
      const draft = await as<ExamDto>(admin, 'POST', `/api/exams/${e.id}/copy`);
      expect((await as(tokens.XY7001!, 'DELETE', `/api/exams/${draft.body.id}`)).status).toBe(403);
      expect((await as(admin, 'DELETE', `/api/exams/${draft.body.id}`)).status).toBe(204);
      expect((await as(admin, 'GET', `/api/exams/${draft.body.id}`)).status).toBe(404);
      expect((await auditOf('exam.delete'))[0]?.summary).toBe(`删除考试草稿「${draft.body.title}」`);
    });
  });
});
