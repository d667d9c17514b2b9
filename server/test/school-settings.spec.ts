import type {
  ApiErrorItem,
  AuditLogDto,
  LessonDto,
  LetterDto,
  MyLetterDto,
  Page,
  SchoolSettingsDto,
  SchoolSettingsInput,
  WeeklyReportDto,
} from '@campus/shared';
import { TestApp } from './harness';
import { articleLesson, buildCourse, courseInput } from './factories/course.factory';
import { enrolStudents } from './factories/exam.factory';
import { collegeAdmin, student, teacher } from './factories/roster.factory';

const SETTINGS: SchoolSettingsInput = {
  name: '测试职业技术学院',
  shortName: '测职院',
  securityPhone: '0571-86001110',
  studentAffairsPhone: '',
  paymentChannel: '学校“统一缴费平台”<pay.example.edu.cn>',
  freshmanGroupNotice: '官方新生群只在录取通知书中公布。',
  website: 'https://www.example.edu.cn',
};

const LETTER_HTML =
  '<p>亲爱的新同学：欢迎来到{{学校名称}}。</p><p>费用只通过{{缴费渠道}}缴纳；{{新生群说明}}。</p><p>保卫处 24 小时电话 {{保卫处电话}}。</p>';

describe('school settings (学校信息设置)', () => {
  let t: TestApp;
  let admin: string;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    tokens = await enrolStudents(t, admin, [
      student('2026600101', '新生甲', '信息学院', '信息2026-1班', '2026'),
      teacher('T6001', '钱老师', '信息学院'),
      collegeAdmin('XY6001', '信息学院管理员', '信息学院'),
      ['XSC6001', '学生处管理员', '学校管理员', '', '', '', '', '', ''],
    ]);
  });
  afterAll(() => t.close());

  const put = (token: string, body: unknown) =>
    t.request<SchoolSettingsDto & { errors?: ApiErrorItem[] }>('PUT', '/api/school-settings', { token, body });

  it('reads as not configured, with empty fields, before anyone saves it; every signed-in person may read it', async () => {
    for (const token of [admin, tokens['2026600101']!, tokens.T6001!]) {
      const res = await t.request<SchoolSettingsDto>('GET', '/api/school-settings', { token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ configured: false, name: '', securityPhone: '', updatedAt: null });
    }
    expect((await t.request('GET', '/api/school-settings')).status).toBe(401);
  });

  it('lets school and system admins save it, and nobody else', async () => {
    for (const username of ['2026600101', 'T6001', 'XY6001'])
      expect((await put(tokens[username]!, SETTINGS)).status).toBe(403);
    const bySchoolAdmin = await put(tokens.XSC6001!, { ...SETTINGS, name: '先存一个名字学院' });
    expect(bySchoolAdmin.status).toBe(200);
    const saved = await put(admin, { ...SETTINGS, name: `  ${SETTINGS.name} ` });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ ...SETTINGS, configured: true });
    const read = await t.request<SchoolSettingsDto>('GET', '/api/school-settings', { token: tokens['2026600101'] });
    expect(read.body.name).toBe(SETTINGS.name);
  });

  it('answers 400 naming each bad field in Chinese, and saves nothing', async () => {
    const res = await put(admin, {
      ...SETTINGS,
      name: '',
      securityPhone: '请打110',
      studentAffairsPhone: '12',
      website: 'www.example.edu.cn',
      paymentChannel: 'x'.repeat(301),
    });
    expect(res.status).toBe(400);
    const fields = (res.body.errors ?? []).map((e) => e.field);
    expect(new Set(fields)).toEqual(
      new Set(['name', 'securityPhone', 'studentAffairsPhone', 'website', 'paymentChannel']),
    );
    for (const e of res.body.errors ?? []) expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    const missing = await put(admin, { name: '某学院' });
    expect(missing.status).toBe(400);
    expect((missing.body.errors ?? []).map((e) => e.field)).toEqual(
      expect.arrayContaining(['securityPhone', 'paymentChannel', 'freshmanGroupNotice']),
    );
    const unknown = await put(admin, { ...SETTINGS, principal: '校长' });
    expect(unknown.status).toBe(400);
    const read = await t.request<SchoolSettingsDto>('GET', '/api/school-settings', { token: admin });
    expect(read.body.name).toBe(SETTINGS.name);
  });

  it('records each save in the audit log with the fields changed and the values before and after', async () => {
    await put(admin, { ...SETTINGS, securityPhone: '0571-86001119' });
    const logs = (await t.request<Page<AuditLogDto>>('GET', '/api/audit-logs?action=school.update', { token: admin }))
      .body;
    expect(logs.items[0]).toMatchObject({
      actorName: '系统管理员',
      targetType: 'school',
      summary: '修改学校信息：保卫处 24 小时电话',
    });
    expect(logs.items[0]!.details).toMatchObject({
      before: { securityPhone: '0571-86001110' },
      after: { securityPhone: '0571-86001119' },
    });
    expect(logs.items.map((l) => l.actorName)).toContain('学生处管理员');
    await put(admin, SETTINGS);
  });

  describe('in the letter, the lessons and the exports', () => {
    let letter: LetterDto;

    beforeAll(async () => {
      await put(admin, SETTINGS);
      const res = await t.request<LetterDto>('POST', '/api/letters', {
        token: admin,
        body: { enrollmentYear: 2026, title: '致{{学校名称}}新生的一封信', html: LETTER_HTML },
      });
      expect(res.status).toBe(201);
      letter = res.body;
    });

    it('serves the letter with the placeholders filled in and escaped, while the stored letter keeps them', async () => {
      const mine = (await t.request<MyLetterDto>('GET', '/api/my/letter', { token: tokens['2026600101'] })).body;
      expect(mine.title).toBe('致测试职业技术学院新生的一封信');
      expect(mine.html).toBe(
        '<p>亲爱的新同学：欢迎来到测试职业技术学院。</p><p>费用只通过学校“统一缴费平台”&lt;pay.example.edu.cn&gt;缴纳；官方新生群只在录取通知书中公布。</p><p>保卫处 24 小时电话 0571-86001110。</p>',
      );
      const stored = (await t.request<LetterDto>('GET', `/api/letters/${letter.id}`, { token: admin })).body;
      expect(stored.html).toBe(LETTER_HTML);
      expect(stored.title).toBe('致{{学校名称}}新生的一封信');
      expect(stored.previewHtml).toBe(mine.html);
    });

    it('shows a change of the settings in the letter at once', async () => {
      await put(admin, { ...SETTINGS, name: '改名后的职业学院' });
      const mine = (await t.request<MyLetterDto>('GET', '/api/my/letter', { token: tokens['2026600101'] })).body;
      expect(mine.html).toContain('欢迎来到改名后的职业学院。');
      await put(admin, SETTINGS);
    });

    it('fills the placeholders of a lesson as learners read it', async () => {
      const outline = await buildCourse(t, admin, courseInput({ title: '安全教育' }), [
        [articleLesson('求助电话', '<p>拨打{{学校名称}}保卫处电话 {{保卫处电话}}。</p>')],
      ]);
      const lessonId = outline.chapters[0]!.lessons[0]!.id;
      expect(outline.chapters[0]!.lessons[0]!.html).toContain('{{保卫处电话}}');
      const lesson = (await t.request<LessonDto>('GET', `/api/lessons/${lessonId}`, { token: tokens['2026600101'] }))
        .body;
      expect(lesson.html).toBe('<p>拨打测试职业技术学院保卫处电话 0571-86001110。</p>');
    });

    it("heads exports and Friday reports with the school's name", async () => {
      const exported = await t.request('GET', '/api/stats/awareness/export?groupBy=college', { token: admin });
      expect(exported.status).toBe(200);
      expect(String(exported.headers['content-disposition'])).toContain(
        encodeURIComponent('测试职业技术学院知晓率统计-按学院.xlsx'),
      );
      const confirmations = await t.request('GET', `/api/letters/${letter.id}/confirmation/export`, { token: admin });
      expect(String(confirmations.headers['content-disposition'])).toContain(
        encodeURIComponent('测试职业技术学院2026级致测试职业技术学院新生的一封信-确认情况.xlsx'),
      );
      const report = await t.request<WeeklyReportDto>('POST', '/api/weekly-reports', { token: admin });
      expect(report.status).toBe(201);
      expect(report.body.title).toMatch(/^测试职业技术学院反诈宣传临时通报/);
    });
  });
});
