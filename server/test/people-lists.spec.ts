import type { AuditLogDto, ClassDto, NotPassedPerson, NotReachedPerson, Page } from '@campus/shared';
import { TestApp } from './harness';
import {
  createQuestion,
  enrolStudents,
  examInput,
  judgeQuestion,
  publishedExam,
  student,
} from './factories/exam.factory';
import { collegeAdmin, teacher } from './factories/roster.factory';

/** Issue 14 §4: the lists a college chases carry phones and the class's 辅导员, and their files say what they are. */
describe('not-passed and not-reached lists', () => {
  let t: TestApp;
  let admin: string;
  let tokens: Record<string, string>;
  let ours: ClassDto;
  let examTitle: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    tokens = await enrolStudents(t, admin, [
      student('2025900101', '名单甲', '名单学院', '名单2025-1班', '2025', { phone: '13800000001' }),
      student('2025910101', '别院乙', '别的学院', '别院2025-9班'),
      teacher('T9001', '辅导员丙', '名单学院'),
      teacher('T9101', '别院老师', '别的学院'),
      collegeAdmin('XY9001', '名单院管理员', '名单学院'),
    ]);
    await t.dataSource.query("UPDATE user SET phone = '13900000002' WHERE username = 'T9001'");
    const classes = (await t.request<ClassDto[]>('GET', '/api/classes', { token: admin })).body;
    ours = classes.find((c) => c.name === '名单2025-1班')!;
    const question = await createQuestion(t, admin, judgeQuestion('T'));
    examTitle = '名单测试考试';
    await publishedExam(t, admin, examInput({ title: examTitle, paper: { questionIds: [question.id] } }));
  });
  afterAll(() => t.close());

  const setAdviser = (token: string, classId: number, adviserUsername: string | null) =>
    t.request<ClassDto & { errors?: Array<{ field: string; message: string }> }>(
      'PUT',
      `/api/classes/${classId}/adviser`,
      { token, body: { adviserUsername } },
    );

  it('lets a college admin set a teacher of their college as a class 辅导员, audited', async () => {
    const res = await setAdviser(tokens.XY9001!, ours.id, 'T9001');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      adviserId: expect.any(Number),
      adviserName: '辅导员丙',
      adviserUsername: 'T9001',
    });
    // The class list, where staff set the 辅导员, names them.
    const listed = (await t.request<ClassDto[]>('GET', '/api/classes', { token: tokens.XY9001! })).body;
    expect(listed.find((c) => c.id === ours.id)).toMatchObject({ adviserName: '辅导员丙', adviserUsername: 'T9001' });
    expect(listed.filter((c) => c.id !== ours.id).every((c) => c.adviserName === null)).toBe(true);
    const audit = await t.request<Page<AuditLogDto>>('GET', '/api/audit-logs?action=class.adviser', { token: admin });
    expect(audit.body.items[0]?.summary).toBe('设置班级「名单2025-1班」的辅导员为「辅导员丙（T9001）」');
  });

  it('refuses another college, a non-teacher and a teacher of another college, naming the field', async () => {
    const classes = (await t.request<ClassDto[]>('GET', '/api/classes', { token: admin })).body;
    const other = classes.find((c) => c.name === '别院2025-9班')!;
    expect((await setAdviser(tokens.XY9001!, other.id, 'T9001')).status).toBe(403);
    const student = await setAdviser(admin, ours.id, '2025900101');
    expect(student.status).toBe(400);
    expect(student.body.errors?.[0]).toMatchObject({
      field: 'adviserUsername',
      message: expect.stringContaining('不是教师'),
    });
    const foreign = await setAdviser(admin, ours.id, 'T9101');
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors?.[0]?.message).toContain('其他学院');
    expect((await setAdviser(admin, ours.id, 'NOBODY')).status).toBe(400);
    expect((await setAdviser(tokens['2025900101']!, ours.id, 'T9001')).status).toBe(403);
  });

  it('lists phone, 辅导员 and their phone in both lists', async () => {
    const notPassed = await t.request<Page<NotPassedPerson>>('GET', '/api/stats/not-passed', { token: tokens.XY9001! });
    expect(notPassed.body.items).toEqual([
      expect.objectContaining({
        username: '2025900101',
        phone: '13800000001',
        adviserName: '辅导员丙',
        adviserPhone: '13900000002',
      }),
    ]);
    const notReached = await t.request<Page<NotReachedPerson>>('GET', '/api/stats/not-reached', {
      token: tokens.XY9001!,
    });
    expect(notReached.body.items[0]).toMatchObject({ phone: '13800000001', adviserName: '辅导员丙' });
    const other = await t.request<Page<NotPassedPerson>>('GET', '/api/stats/not-passed', { token: admin });
    expect(other.body.items.find((p) => p.username === '2025910101')).toMatchObject({
      adviserName: null,
      adviserPhone: null,
    });
  });

  it('names the exported files by list, college, exam and date (RFC 5987 for the Chinese)', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const exams = (await t.request<Page<{ id: number; title: string }>>('GET', '/api/exams', { token: admin })).body;
    const exam = exams.items.find((e) => e.title === examTitle)!;
    const file = await t.request('GET', `/api/stats/not-passed/export?examId=${exam.id}`, { token: tokens.XY9001! });
    expect(file.status).toBe(200);
    const disposition = String(file.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="download\.xlsx"; filename\*=UTF-8''/);
    const name = decodeURIComponent(disposition.split("UTF-8''")[1]!);
    expect(name).toMatch(new RegExp(`未通过名单-名单学院-${examTitle}-${today}\\.xlsx$`));
    const school = await t.request('GET', '/api/stats/not-reached/export', { token: admin });
    const schoolName = decodeURIComponent(String(school.headers['content-disposition']).split("UTF-8''")[1]!);
    expect(schoolName).toMatch(new RegExp(`未覆盖名单-全校-入学第一考-${today}\\.xlsx$`));
  });
});
