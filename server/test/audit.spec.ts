import { Role, type AlertDto, type AuditLogDto, type Page } from '@campus/shared';
import { PasswordHasher } from '../src/common/auth/password-hasher';
import { User } from '../src/modules/users/user.entity';
import { TestApp } from './harness';
import { createQuestion, examInput, publishedExam, singleQuestion } from './factories/exam.factory';
import { rosterCsvUtf8, student, teacher } from './factories/roster.factory';

const GIFT = Buffer.from('::审计题::接到“安全账户”转账要求应当？ {=挂断并报警 ~立即转账 ~告知验证码}\n', 'utf8');

describe('audit log', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const logs = async (query = '', token = admin) =>
    (await t.request<Page<AuditLogDto>>('GET', `/api/audit-logs${query}`, { token })).body;

  it('records a roster import and role changes, but not a dry run', async () => {
    const file = rosterCsvUtf8([student('2025800101', '审计学生', '审计学院', '审计2025-1班')]);
    expect((await t.upload('/api/roster/import?dryRun=true', file, 'r.csv', admin)).status).toBe(201);
    expect((await logs('?action=roster.import')).total).toBe(0);
    expect((await t.upload('/api/roster/import', file, 'r.csv', admin)).status).toBe(201);

    const promoted = rosterCsvUtf8([['2025800101', '审计学生', '学院管理员', '审计学院', '', '', '', '', '']]);
    expect((await t.upload('/api/roster/import', promoted, 'r.csv', admin)).status).toBe(201);
    const lines = (await logs('?action=roster.import')).items;
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      actorName: '系统管理员',
      summary: '导入花名册：新增 0 人，更新 1 人，其中 1 人身份变更',
    });
    expect(lines[0]!.details).toMatchObject({
      roleChanges: [{ username: '2025800101', from: Role.Student, to: Role.CollegeAdmin }],
    });
    expect(lines[1]).toMatchObject({ summary: '导入花名册：新增 1 人，更新 0 人，生成随机初始密码 1 个' });
  });

  it('records publishing an exam, importing questions and publishing and withdrawing an alert', async () => {
    const question = await createQuestion(t, admin, singleQuestion());
    const exam = await publishedExam(
      t,
      admin,
      examInput({ title: '审计用考试', paper: { questionIds: [question.id] } }),
    );
    // Publishing again changes nothing and is not logged twice.
    await t.request('POST', `/api/exams/${exam.id}/publish`, { token: admin });
    expect((await t.upload('/api/questions/import', GIFT, 'q.gift.txt', admin)).status).toBe(201);
    const alert = (
      await t.request<AlertDto>('POST', '/api/alerts', {
        token: admin,
        body: { title: '审计警示', content: '内容', level: 'warning', audience: {} },
      })
    ).body;
    await t.request('POST', `/api/alerts/${alert.id}/withdraw`, { token: admin });

    const all = await logs('?pageSize=50');
    const actions = all.items.map((l) => l.action);
    expect(actions.filter((a) => a === 'exam.publish')).toHaveLength(1);
    expect(all.items.find((l) => l.action === 'exam.publish')).toMatchObject({
      targetType: 'exam',
      targetId: String(exam.id),
      summary: '发布考试「审计用考试」',
    });
    expect(all.items.find((l) => l.action === 'question.import')?.summary).toMatch(/^导入题目 1 道/);
    expect(all.items.find((l) => l.action === 'alert.publish')).toMatchObject({
      targetId: String(alert.id),
      summary: '发布预警警示「审计警示」',
    });
    expect(all.items.find((l) => l.action === 'alert.withdraw')).toMatchObject({
      targetId: String(alert.id),
      summary: '撤回预警警示「审计警示」',
    });
    // Newest first.
    expect(all.items.map((l) => l.id)).toEqual([...all.items.map((l) => l.id)].sort((a, b) => b - a));
  });

  it("records assigning and withdrawing a teacher's class", async () => {
    const file = rosterCsvUtf8([teacher('T8001', '审计老师', '审计学院')]);
    expect((await t.upload('/api/roster/import', file, 'r.csv', admin)).status).toBe(201);
    const teacherId = (await t.dataSource.getRepository(User).findOneByOrFail({ username: 'T8001' })).id;
    const classId = (
      await t.request<Array<{ id: number; name: string }>>('GET', '/api/classes', { token: admin })
    ).body.find((c) => c.name === '审计2025-1班')!.id;
    expect(
      (await t.request('POST', `/api/teachers/${teacherId}/classes`, { token: admin, body: { classId } })).status,
    ).toBe(200);
    expect((await t.request('DELETE', `/api/teachers/${teacherId}/classes/${classId}`, { token: admin })).status).toBe(
      204,
    );
    expect((await logs('?action=teaching.assign')).items[0]).toMatchObject({
      targetType: 'teacher',
      targetId: String(teacherId),
      summary: '为教师「审计老师」分配授课班级「审计2025-1班」',
    });
    expect((await logs('?action=teaching.unassign')).items[0]?.summary).toBe(
      '取消教师「审计老师」的授课班级「审计2025-1班」',
    );
  });

  it('filters by action, words, actor and time, and pages', async () => {
    expect((await logs('?q=审计警示')).items.map((l) => l.action).sort()).toEqual(['alert.publish', 'alert.withdraw']);
    const page1 = await logs('?pageSize=2&page=1');
    const page2 = await logs('?pageSize=2&page=2');
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBeGreaterThanOrEqual(6);
    expect(page2.items[0]!.id).toBeLessThan(page1.items[1]!.id);
    const adminId = (await t.dataSource.getRepository(User).findOneByOrFail({ username: 'admin' })).id;
    expect((await logs(`?actorId=${adminId}`)).total).toBe(page1.total);
    expect((await logs(`?actorId=${adminId + 999}`)).total).toBe(0);
    expect((await logs(`?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).total).toBe(0);
    expect((await logs(`?to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).total).toBe(
      page1.total,
    );
    expect((await t.request('GET', '/api/audit-logs?from=yesterday', { token: admin })).status).toBe(400);
  });

  it('is for system administrators only', async () => {
    const file = rosterCsvUtf8([['XS8001', '学生处', '学校管理员', '', '', '', '', '', '']]);
    await t.upload('/api/roster/import', file, 'r.csv', admin);
    await t.dataSource
      .getRepository(User)
      .update(
        { username: 'XS8001' },
        { passwordHash: await t.get(PasswordHasher).hash('School2026'), mustChangePassword: false },
      );
    const schoolAdmin = await t.login('XS8001', 'School2026');
    expect((await t.request('GET', '/api/audit-logs', { token: schoolAdmin })).status).toBe(403);
  });
});
