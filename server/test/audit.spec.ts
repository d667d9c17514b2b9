import ExcelJS from 'exceljs';
import { Role, type AlertDto, type AuditLogDto, type LetterDto, type Page } from '@campus/shared';
import { PasswordHasher } from '../src/common/auth/password-hasher';
import { PrincipalCache } from '../src/common/auth/principal-cache';
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

  /**
   * An export is recorded once its file has gone out, so the line may land just after the answer
   * (on MariaDB it did): wait for it until `done`, then hand the lines to the assertions.
   */
  async function exportLines(done: (lines: AuditLogDto[]) => boolean): Promise<AuditLogDto[]> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const lines = (await logs('?action=data.export')).items;
      if (done(lines) || Date.now() > deadline) return lines;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

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
      targetName: '审计用考试',
      object: '考试「审计用考试」',
      summary: '发布考试「审计用考试」',
    });
    // An import names no single question: the object is the kind alone.
    expect(all.items.find((l) => l.action === 'question.import')?.object).toBe('题目');
    expect(all.items.find((l) => l.action === 'question.import')?.summary).toMatch(/^导入题目 1 道/);
    expect(all.items.find((l) => l.action === 'alert.publish')).toMatchObject({
      targetId: String(alert.id),
      object: '警示「审计警示」',
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

  it('records sign-ins by password, successful and refused, with the account as the object', async () => {
    const file = rosterCsvUtf8([student('2025800102', '登录学生', '审计学院', '审计2025-1班')]);
    expect((await t.upload('/api/roster/import', file, 'r.csv', admin)).status).toBe(201);
    const users = t.dataSource.getRepository(User);
    const person = await users.findOneByOrFail({ username: '2025800102' });
    await users.update(
      { id: person.id },
      { passwordHash: await t.get(PasswordHasher).hash('Login-Audit-26'), mustChangePassword: false },
    );
    await t.login('2025800102', 'Login-Audit-26');
    const wrong = await t.request('POST', '/api/auth/login', {
      body: { username: '2025800102', password: 'Not-This-One-1' },
    });
    expect(wrong.status).toBe(401);
    const unknown = await t.request('POST', '/api/auth/login', {
      body: { username: 'nobody-here', password: 'Not-This-One-1' },
    });
    expect(unknown.status).toBe(401);
    await users.update({ id: person.id }, { disabled: true });
    t.get(PrincipalCache).evict(person.id);
    const disabled = await t.request('POST', '/api/auth/login', {
      body: { username: '2025800102', password: 'Login-Audit-26' },
    });
    expect(disabled.status).toBe(403);
    await users.update({ id: person.id }, { disabled: false });

    const ok = (await logs(`?action=auth.login&targetType=account&actor=${encodeURIComponent('登录学生')}`)).items;
    expect(ok).toHaveLength(1);
    expect(ok[0]).toMatchObject({
      actorId: person.id,
      actorName: '登录学生',
      targetId: String(person.id),
      object: '账号「登录学生」',
      summary: '2025800102 登录学生 通过账号密码登录',
    });
    expect(ok[0]!.details).toMatchObject({ method: 'password' });
    const failed = (await logs('?action=auth.login-failed')).items.map((l) => [l.actorName, l.object, l.summary]);
    expect(failed).toEqual([
      ['登录学生', '账号「登录学生」', '2025800102 登录学生 通过账号密码登录失败：账号已停用'],
      ['nobody-here', '账号「nobody-here」', '账号「nobody-here」 通过账号密码登录失败：账号不存在'],
      ['登录学生', '账号「登录学生」', '2025800102 登录学生 通过账号密码登录失败：密码错误'],
    ]);
    // A person's detail page lists what was done to the record, not each sign-in.
    expect((await logs(`?targetType=user&target=${encodeURIComponent('登录学生')}`)).total).toBe(0);
  });

  it('records writing, changing and deleting the letter to freshmen', async () => {
    const created = await t.request<LetterDto>('POST', '/api/letters', {
      token: admin,
      body: { enrollmentYear: 2031, title: '致2031级新生', html: '<p>同学们好</p>' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    // A second letter for the year is refused on the year field, and nothing is logged for it.
    const twice = await t.request<{ errors: Array<{ field: string }> }>('POST', '/api/letters', {
      token: admin,
      body: { enrollmentYear: 2031, title: '又一封', html: '<p>又一封</p>' },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.errors[0]).toMatchObject({ field: 'enrollmentYear' });
    expect(
      (
        await t.request('PUT', `/api/letters/${id}`, {
          token: admin,
          body: { enrollmentYear: 2031, title: '致2031级新生的一封信', html: '<p>同学们好！</p>' },
        })
      ).status,
    ).toBe(200);
    expect((await t.request('DELETE', `/api/letters/${id}`, { token: admin })).status).toBe(204);
    const lines = (await logs('?targetType=letter')).items;
    expect(lines.map((l) => [l.action, l.object, l.summary])).toEqual([
      ['letter.delete', '新生信「致2031级新生的一封信」', '删除2031级新生信「致2031级新生的一封信」'],
      ['letter.update', '新生信「致2031级新生的一封信」', '修改2031级新生信「致2031级新生的一封信」'],
      ['letter.create', '新生信「致2031级新生」', '新建2031级新生信「致2031级新生」'],
    ]);
    expect(lines[1]!.details).toMatchObject({
      before: { title: '致2031级新生' },
      after: { title: '致2031级新生的一封信' },
    });
  });

  it('records each Excel export with its file name and filter, and not an export that failed', async () => {
    const file = await t.request('GET', '/api/stats/not-passed/export?enrollmentYear=2025', { token: admin });
    expect(file.status).toBe(200);
    expect((await t.request('GET', '/api/alerts/999999/unread/export', { token: admin })).status).toBe(404);
    const lines = await exportLines((l) => l.length > 0);
    expect(lines).toHaveLength(1);
    const name = decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(String(file.headers['content-disposition']))![1]!);
    expect(name).toMatch(/未通过名单/);
    expect(lines[0]).toMatchObject({ targetType: 'export', object: `导出文件「${name}」`, summary: `导出「${name}」` });
    expect(lines[0]!.details).toEqual({ path: '/api/stats/not-passed/export', query: { enrollmentYear: '2025' } });
  });

  it('filters by actor, object and kind of object', async () => {
    expect((await logs(`?target=${encodeURIComponent('审计用考试')}`)).items.map((l) => l.action)).toEqual([
      'exam.publish',
    ]);
    expect((await logs(`?targetType=alert`)).items.map((l) => l.action)).toEqual(['alert.withdraw', 'alert.publish']);
    expect((await logs(`?actor=${encodeURIComponent('系统管理')}&action=alert.publish`)).total).toBe(1);
    expect((await logs(`?actor=${encodeURIComponent('某某某')}`)).total).toBe(0);
  });

  it('exports the filtered log to Excel, newest first, and records that export', async () => {
    const res = await t.request('GET', `/api/audit-logs/export?targetType=letter`, { token: admin });
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.raw as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '时间', '操作人', '操作', '对象', '内容', '详细信息']);
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getColumn(3).values.slice(2)).toEqual(['删除新生信', '修改新生信', '新建新生信']);
    expect(sheet.getColumn(4).values.slice(2)).toEqual([
      '新生信「致2031级新生的一封信」',
      '新生信「致2031级新生的一封信」',
      '新生信「致2031级新生」',
    ]);
    expect(sheet.getCell('A2').text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const recorded = await exportLines((l) => l[0]?.details?.path === '/api/audit-logs/export');
    expect(recorded[0]?.details).toEqual({
      path: '/api/audit-logs/export',
      query: { targetType: 'letter' },
    });
    expect((await t.request('GET', '/api/audit-logs/export?from=yesterday', { token: admin })).status).toBe(400);
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
    expect((await t.request('GET', '/api/audit-logs/export', { token: schoolAdmin })).status).toBe(403);
  });
});
