import {
  freshmanEnrollmentYear,
  type AuditLogDto,
  type AwarenessReport,
  type ExamDto,
  type LetterDto,
  type Page,
  type RetentionRunResult,
  type RetentionStatus,
  type RolloverOverview,
  type RolloverResult,
} from '@campus/shared';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StoredFile } from '../src/common/files/stored-file.entity';
import { ExamAttempt } from '../src/modules/exams/exam-attempt.entity';
import { Exam } from '../src/modules/exams/exam.entity';
import { Letter } from '../src/modules/letters/letter.entity';
import { PERSONAL_TABLES } from '../src/modules/lifecycle/personal-data.service';
import { RetentionScheduler } from '../src/modules/lifecycle/retention.scheduler';
import { User } from '../src/modules/users/user.entity';
import { TestApp } from './harness';
import {
  createQuestion,
  enrolStudents,
  examInput,
  publishedExam,
  singleQuestion,
  student,
} from './factories/exam.factory';
import { collegeAdmin } from './factories/roster.factory';
import { testClock, type TestClock } from './support/test-clock';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const DAY = 24 * 3600;

/**
 * A school with three 年级: G graduates this year (g1 passed its 入学第一考, g2 failed), S stays
 * (s1), F are the new freshmen (f1, imported before the rollover as the README says).
 */
describe('新学年 rollover and retention of personal data', () => {
  let t: TestApp;
  let admin: string;
  let clock: TestClock;
  const F = freshmanEnrollmentYear(new Date());
  const S = F - 1;
  const G = F - 3;
  const U = { g1: `${G}700101`, g2: `${G}700102`, s1: `${S}700101`, f1: `${F}700101` };
  let gExam: ExamDto;
  let tokens: Record<string, string>;
  let g1Id = 0;
  const COLLEGE_ADMIN = 'XY7801';

  const get = async <T>(url: string) => {
    const res = await t.request<T>('GET', url, { token: admin });
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const rollover = (body: unknown) => t.request<RolloverResult>('POST', '/api/rollover', { token: admin, body });
  const userOf = (username: string) => t.dataSource.getRepository(User).findOneByOrFail({ username });
  const audit = async (action: string) =>
    (await get<Page<AuditLogDto>>(`/api/audit-logs?action=${action}&pageSize=50`)).items;

  beforeAll(async () => {
    t = await TestApp.start({ RETENTION_YEARS: '2' });
    clock = testClock(t);
    admin = await t.adminToken();
    tokens = await enrolStudents(t, admin, [
      student(U.g1, '毕业生一', '丙学院', `丙${G}-1班`, String(G), { phone: '13800000001' }),
      student(U.g2, '毕业生二', '丙学院', `丙${G}-1班`, String(G)),
      student(U.s1, '在读生一', '丙学院', `丙${S}-1班`, String(S)),
      student(U.f1, '新生一', '丙学院', `丙${F}-1班`, String(F)),
      collegeAdmin(COLLEGE_ADMIN, '丙院管理员', '丙学院'),
    ]);
    const q = await createQuestion(t, admin, singleQuestion());
    gExam = await publishedExam(
      t,
      admin,
      examInput({
        title: `${G} 级入学第一考`,
        audience: { enrollmentYears: [G] },
        paper: { questionIds: [q.id], scores: [100] },
      }),
    );
    const letter = await t.request<LetterDto>('POST', '/api/letters', {
      token: admin,
      body: { enrollmentYear: G, title: `致${G}级新生的一封信`, html: '<p>请警惕电信网络诈骗。</p>' },
    });
    expect(letter.status).toBe(201);
    for (const [who, answer] of [
      [U.g1, 'B'],
      [U.g2, 'A'],
    ] as const) {
      const token = tokens[who]!;
      const session = await t.request<{ attemptId: number }>('POST', `/api/exams/${gExam.id}/attempts`, { token });
      await t.request('PUT', `/api/attempts/${session.body.attemptId}/answers/${q.id}`, {
        token,
        body: { answer: [answer] },
      });
      await t.request('POST', `/api/attempts/${session.body.attemptId}/submit`, { token });
    }
    // g1 registered the APP with a screenshot: personal data the retention job must delete.
    await t.request('PUT', '/api/my/anti-fraud-app', {
      token: tokens[U.g1],
      body: { installed: true, registered: true },
    });
    expect((await t.upload('/api/my/anti-fraud-app/screenshot', PNG, 'app.png', tokens[U.g1]!)).status).toBe(201);
  });
  afterAll(() => t.close());

  it('keeps 新学年 and retention to the school-wide admins, and a college admin’s exports to their college', async () => {
    const mine = tokens[COLLEGE_ADMIN]!;
    // A college admin manages their college's accounts, not the whole school's year.
    expect((await t.request('GET', '/api/rollover', { token: mine })).status).toBe(403);
    const run = await t.request('POST', '/api/rollover', {
      token: mine,
      body: { enrollmentYear: F, graduateYears: [G], dryRun: false },
    });
    expect(run.status).toBe(403);
    expect((await userOf(U.g1)).disabled).toBe(false);
    expect((await t.request('GET', '/api/retention', { token: mine })).status).toBe(403);
    expect((await t.request('POST', '/api/retention/run', { token: mine })).status).toBe(403);

    // Exports: a student of their college, yes; the sysadmin's account and audit trail, no.
    const sysadmin = await userOf('admin');
    const other = await t.request('GET', `/api/users/${sysadmin.id}/personal-data`, { token: mine });
    expect(other.status).toBe(403);
    expect(other.raw.toString()).not.toContain('"account"');
    const own = await t.request('GET', `/api/users/${(await userOf(U.s1)).id}/personal-data`, { token: mine });
    expect(own.status).toBe(200);
    const exports = await audit('user.personal-data-export');
    expect(exports.map((line) => line.targetId)).toEqual([String((await userOf(U.s1)).id)]);
  });

  it('shows each 年级 and suggests the ones that have studied three years', async () => {
    const overview = await get<RolloverOverview>('/api/rollover');
    expect(overview.freshmanYear).toBe(F);
    expect(overview.suggestedGraduateYears).toEqual([G]);
    expect(overview.cohorts.map((c) => [c.enrollmentYear, c.active, c.archived, c.hasLetter, c.entranceExams])).toEqual(
      [
        [F, 1, 0, false, 0],
        [S, 1, 0, false, 0],
        [G, 2, 0, true, 1],
      ],
    );
  });

  it('refuses graduating the new 年级 itself, naming the field', async () => {
    const res = await rollover({ enrollmentYear: F, graduateYears: [G, F], dryRun: true });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ errors: [{ field: 'graduateYears' }] });
    expect(JSON.stringify(res.body)).toContain(`毕业年级 ${F}`);
  });

  it('says in a dry run what the rollover would do, and writes nothing', async () => {
    const res = await rollover({ enrollmentYear: F, graduateYears: [G], dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dryRun: true,
      freshmen: 1,
      graduates: [{ enrollmentYear: G, students: 2 }],
      archived: 2,
      letter: { action: 'copied', fromYear: G, letterId: null },
      entranceExam: { action: 'copied', fromExamId: gExam.id, examId: null },
      warnings: [],
    });
    expect((await userOf(U.g1)).disabled).toBe(false);
    expect(await t.dataSource.getRepository(Letter).count()).toBe(1);
    expect(await t.dataSource.getRepository(Exam).count()).toBe(1);
    expect(await audit('year.rollover')).toEqual([]);
  });

  it('archives the graduates, keeps them in their 年级’s statistics only, and prepares the new 年级', async () => {
    const yearBefore = await get<AwarenessReport>(`/api/stats/awareness?enrollmentYear=${G}`);
    expect(yearBefore.total).toMatchObject({ people: 2, participated: 2, passed: 1 });

    const res = await rollover({ enrollmentYear: F, graduateYears: [G], dryRun: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dryRun: false,
      archived: 2,
      letter: { action: 'copied' },
      entranceExam: { action: 'copied' },
    });

    const g1 = await userOf(U.g1);
    expect(g1).toMatchObject({ disabled: true, archivedAt: expect.any(Date), disabledAt: expect.any(Date) });
    expect((await userOf(U.s1)).disabled).toBe(false);
    const login = await t.request('POST', '/api/auth/login', { body: { username: U.g1, password: 'Student2026' } });
    expect(login.status).toBe(403);
    // A token issued before the rollover stops working too.
    expect((await t.request('GET', '/api/auth/me', { token: tokens[U.g1] })).status).toBe(401);

    // Their 年级 and their exam still count them; the current figures do not.
    const yearAfter = await get<AwarenessReport>(`/api/stats/awareness?enrollmentYear=${G}`);
    expect(yearAfter.total).toEqual(yearBefore.total);
    expect((await get<AwarenessReport>(`/api/stats/awareness?examId=${gExam.id}`)).total).toMatchObject({
      people: 2,
      passed: 1,
    });
    expect((await get<AwarenessReport>('/api/stats/awareness')).total.people).toBe(0);

    const letter = await t.dataSource.getRepository(Letter).findOneByOrFail({ enrollmentYear: F });
    expect(letter).toMatchObject({ title: `致${F}级新生的一封信`, html: '<p>请警惕电信网络诈骗。</p>' });
    const copy = await t.dataSource.getRepository(Exam).findOneByOrFail({ id: res.body.entranceExam.examId! });
    expect(copy).toMatchObject({ title: `${F} 级入学第一考`, kind: 'entrance', status: 'draft' });
    expect(copy.audience.enrollmentYears).toEqual([F]);
    const source = await t.dataSource.getRepository(Exam).findOneByOrFail({ id: gExam.id });
    expect(copy.opensAt.getUTCFullYear() - source.opensAt.getUTCFullYear()).toBe(F - G);

    const [line] = await audit('year.rollover');
    expect(line).toMatchObject({ actorName: expect.any(String), targetId: String(F) });
    expect(line!.summary).toContain(`毕业归档 ${G} 级 2 人`);
  });

  it('changes nothing when run again', async () => {
    const res = await rollover({ enrollmentYear: F, graduateYears: [G], dryRun: false });
    expect(res.body).toMatchObject({
      archived: 0,
      graduates: [{ enrollmentYear: G, students: 0 }],
      letter: { action: 'exists' },
      entranceExam: { action: 'exists' },
    });
    expect(await t.dataSource.getRepository(Exam).count()).toBe(2);
  });

  it('exports everything held about a person as one file, never the password, and audits it', async () => {
    const g1 = await userOf(U.g1);
    g1Id = g1.id;
    const res = await t.request('GET', `/api/users/${g1.id}/personal-data`, { token: admin });
    expect(res.status).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent(`个人信息-${U.g1}.json`));
    const doc = JSON.parse(res.raw.toString('utf8')) as {
      account: Record<string, unknown>;
      tables: Record<string, Array<Record<string, unknown>>>;
    };
    expect(doc.account).toMatchObject({ username: U.g1, name: '毕业生一', phone: '13800000001' });
    expect(doc.account).not.toHaveProperty('password_hash');
    expect(doc.tables.exam_attempt).toHaveLength(1);
    expect(doc.tables.attempt_question).toHaveLength(1);
    expect(doc.tables.anti_fraud_app_report).toHaveLength(1);
    expect(doc.tables['stored_file.uploaded_by']).toHaveLength(1);
    expect((await audit('user.personal-data-export'))[0]).toMatchObject({ targetId: String(g1.id) });
    expect((await t.request('GET', '/api/users/99999/personal-data', { token: admin })).status).toBe(404);
  });

  it('names every column of the schema that points at a person in the export', () => {
    const personColumn = /^(user_id|teacher_id|author_id|actor_id)$|_by$/;
    const listed = new Set(PERSONAL_TABLES.map(([table, column]) => `${table}.${column}`));
    const missing = t.dataSource.entityMetadatas.flatMap((meta) =>
      meta.columns
        .filter((c) => personColumn.test(c.databaseName))
        .map((c) => `${meta.tableName}.${c.databaseName}`)
        .filter((name) => !listed.has(name) && name !== 'audit_log.actor_id'),
    );
    expect(missing).toEqual([]);
  });

  it('anonymises people gone for RETENTION_YEARS by the nightly job, keeping their year’s figures', async () => {
    const before = await get<RetentionStatus>('/api/retention');
    expect(before).toEqual({ years: 2, waiting: 2, due: 0, anonymised: 0 });
    const yearBefore = await get<AwarenessReport>(`/api/stats/awareness?enrollmentYear=${G}`);
    const screenshot = (await t.dataSource.getRepository(StoredFile).find())[0]!;
    const screenshotPath = join(t.config.uploadDir, screenshot.storageKey);
    expect(existsSync(screenshotPath)).toBe(true);

    clock.advance(2 * 365 * DAY - DAY);
    expect((await get<RetentionStatus>('/api/retention')).due).toBe(0);
    clock.advance(3 * DAY);
    expect((await get<RetentionStatus>('/api/retention')).due).toBe(2);

    await t.get(RetentionScheduler).run();
    const g1 = await t.dataSource.getRepository(User).findOneByOrFail({ id: g1Id });
    expect(g1).toMatchObject({
      name: '已匿名',
      username: `anon-${g1.id}`,
      phone: null,
      anonymisedAt: expect.any(Date),
    });
    expect(await t.dataSource.getRepository(User).count({ where: { username: U.g1 } })).toBe(0);
    expect(existsSync(screenshotPath)).toBe(false);
    expect(await t.dataSource.getRepository(StoredFile).count()).toBe(0);
    // Attempts stay, tied to the anonymous account: the year's figures do not move.
    expect(await t.dataSource.getRepository(ExamAttempt).count({ where: { userId: g1.id } })).toBe(1);
    expect((await get<AwarenessReport>(`/api/stats/awareness?enrollmentYear=${G}`)).total).toEqual(yearBefore.total);
    expect(
      (await t.request('POST', '/api/auth/login', { body: { username: U.g1, password: 'Student2026' } })).status,
    ).toBe(401);
    expect((await userOf(U.s1)).anonymisedAt).toBeNull();

    const [line] = await audit('retention.anonymise');
    expect(line).toMatchObject({ actorId: null, actorName: '系统（定时任务）' });
    expect(line!.summary).toContain('2 人');
    expect(await get<RetentionStatus>('/api/retention')).toEqual({ years: 2, waiting: 0, due: 0, anonymised: 2 });

    // Run by hand: nothing left to do, and the admin's run is recorded all the same.
    const manual = await t.request<RetentionRunResult>('POST', '/api/retention/run', { token: admin });
    expect(manual.body).toEqual({ anonymised: 0, filesRemoved: 0 });
    const admins = await audit('retention.anonymise');
    expect(admins).toHaveLength(2);
    expect(admins[0]).toMatchObject({ actorId: expect.any(Number), actorName: '系统管理员' });
  });
});
