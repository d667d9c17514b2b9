import {
  monthlyPeriodDefaults,
  type AuditLogDto,
  type MyAlertDto,
  type MyReportTask,
  type MyReportUnit,
  type Page,
  type ReportAttachmentDto,
  type ReportAttentionSummary,
  type ReportDetailDto,
  type ReportPeriodDetail,
  type ReportPeriodDto,
  type ReportPeriodInput,
  type ReportSummaryDto,
  type ReportUnitOptions,
} from '@campus/shared';
import { PasswordHasher } from '../src/common/auth/password-hasher';
import { csvCell } from '../src/common/files/csv';
import { ReportPeriod } from '../src/modules/reports/report-period.entity';
import { User } from '../src/modules/users/user.entity';
import { TestApp } from './harness';
import { testClock } from './support/test-clock';
import { ROSTER_HEADER, collegeAdmin, student } from './factories/roster.factory';

const PASSWORD = 'Report2026';
const ACCOUNTS = ['XY7001', 'XY7101', 'XY7201', '2025700101', 'XS7001', 'BW7001'] as const;
type Account = (typeof ACCOUNTS)[number];

/** A roster with the 部门 column: school staff who report for their department. */
function rosterWithDepartments(lines: string[][]): Buffer {
  const header = [...ROSTER_HEADER, '部门'];
  return Buffer.from([header, ...lines].map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n', 'utf8');
}

const staff = (username: string, name: string, department: string) => [
  username,
  name,
  '学校管理员',
  '',
  '',
  '',
  '',
  '',
  '',
  department,
];
const withNoDepartment = (line: string[]) => [...line, ''];

/** A minimal Word document: a zip whose entries name word/document.xml. */
const DOCX = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.from('\u0014\u0000\u0000\u0000word/document.xml<w:document/>', 'latin1'),
]);
/** multipart as a browser sends it: the file name as raw UTF-8 (the harness percent-encodes it). */
function browserUpload(
  field: string,
  filename: string,
  content: Buffer,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----browserBoundary7MA4YWxkTrZu0gW';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
    'utf8',
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

describe('department reports (信息报送)', () => {
  let t: TestApp;
  let admin: string;
  const tokens = {} as Record<Account, string>;
  let units: ReportUnitOptions;
  const collegeId = (name: string) => units.colleges.find((c) => c.name === name)!.id;
  const departmentId = (name: string) => units.departments.find((d) => d.name === name)!.id;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    const file = rosterWithDepartments([
      withNoDepartment(collegeAdmin('XY7001', '甲院管理员', '报送甲学院')),
      withNoDepartment(collegeAdmin('XY7101', '乙院管理员', '报送乙学院')),
      withNoDepartment(collegeAdmin('XY7201', '丙院管理员', '报送丙学院')),
      withNoDepartment(student('2025700101', '甲院学生', '报送甲学院', '报送甲2025-1班')),
      staff('XS7001', '学生处干事', '学生处'),
      staff('BW7001', '保卫处干事', '保卫处'),
    ]);
    const imported = await t.upload('/api/roster/import', file, 'staff.csv', admin);
    if (imported.status !== 201) throw new Error(JSON.stringify(imported.body));
    const hash = await t.get(PasswordHasher).hash(PASSWORD);
    for (const username of ACCOUNTS) {
      await t.dataSource.getRepository(User).update({ username }, { passwordHash: hash, mustChangePassword: false });
      tokens[username] = await t.login(username, PASSWORD);
    }
    units = (await t.request<ReportUnitOptions>('GET', '/api/report-units', { token: admin })).body;
  });
  afterAll(() => t.close());

  const createPeriod = async (overrides: Partial<ReportPeriodInput> = {}) => {
    const res = await t.request<ReportPeriodDto>('POST', '/api/report-periods', {
      token: tokens.BW7001,
      body: {
        ...monthlyPeriodDefaults(2026, 11),
        collegeIds: [collegeId('报送甲学院'), collegeId('报送乙学院')],
        departmentIds: [departmentId('学生处')],
        ...overrides,
      },
    });
    if (res.status !== 201) throw new Error(`period: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const submit = (
    username: Account,
    body: { periodId?: number | null; title?: string; content?: string; incident?: boolean },
  ) =>
    t.request<ReportDetailDto>('POST', '/api/reports', {
      token: tokens[username],
      body: { title: '本月反诈工作情况', content: '开展主题班会 12 场，覆盖学生 600 人。', incident: false, ...body },
    });
  const periodDetail = async (id: number) =>
    (await t.request<ReportPeriodDetail>('GET', `/api/report-periods/${id}`, { token: admin })).body;
  const statusOf = (detail: ReportPeriodDetail, name: string) => detail.units.find((u) => u.unit.name === name)?.status;

  it('reports for the college of a college admin and the department of school staff', async () => {
    expect(
      (await t.request<MyReportUnit>('GET', '/api/my/report-unit', { token: tokens.XY7001 })).body.unit,
    ).toMatchObject({ kind: 'college', name: '报送甲学院' });
    expect(
      (await t.request<MyReportUnit>('GET', '/api/my/report-unit', { token: tokens.XS7001 })).body.unit,
    ).toMatchObject({ kind: 'department', name: '学生处' });
    expect((await t.request<MyReportUnit>('GET', '/api/my/report-unit', { token: admin })).body.unit).toBeNull();
    expect((await t.request('GET', '/api/reports', { token: tokens['2025700101'] })).status).toBe(403);
  });

  it('defines a monthly period and refuses one without units, with unknown units or with its dates reversed', async () => {
    const defaults = monthlyPeriodDefaults(2026, 12);
    expect(defaults).toEqual({
      title: '2026年12月反诈工作信息报送',
      startsOn: '2026-12-01',
      endsOn: '2026-12-31',
      dueAt: '2027-01-05T17:00:00+08:00',
    });
    const period = await createPeriod(defaults);
    expect(period).toMatchObject({
      title: defaults.title,
      dueAt: '2027-01-05T09:00:00.000Z',
      counts: { required: 3, pending: 3, submitted: 0, missing: 0 },
    });

    const none = await t.request<{ message: string }>('POST', '/api/report-periods', {
      token: admin,
      body: { ...defaults, collegeIds: [], departmentIds: [] },
    });
    expect(none.status).toBe(400);
    expect(none.body.message).toMatch(/至少选择一个/);
    expect(
      (
        await t.request('POST', '/api/report-periods', {
          token: admin,
          body: { ...defaults, collegeIds: [99999], departmentIds: [] },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await t.request('POST', '/api/report-periods', {
          token: admin,
          body: {
            ...defaults,
            startsOn: '2026-12-31',
            endsOn: '2026-12-01',
            collegeIds: [collegeId('报送甲学院')],
            departmentIds: [],
          },
        })
      ).status,
    ).toBe(400);
    expect((await t.request('POST', '/api/report-periods', { token: tokens.XY7001, body: defaults })).status).toBe(403);
  });

  it('takes one report per unit and period, and tells on time, late, pending and missing apart', async () => {
    const past = await createPeriod({
      ...monthlyPeriodDefaults(2026, 9),
      dueAt: new Date(Date.now() + 60_000).toISOString(),
    });
    const future = await createPeriod({
      ...monthlyPeriodDefaults(2026, 10),
      dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });

    // 学生处 reports on time for the first period, which then falls due; 甲 reports after the deadline.
    const onTimeFirst = await submit('XS7001', { periodId: past.id });
    expect(onTimeFirst.status).toBe(201);
    await t.dataSource
      .getRepository(ReportPeriod)
      .update({ id: past.id }, { dueAt: new Date(Date.parse(onTimeFirst.body.submittedAt) + 1) });
    testClock(t).advance(1);
    const late = await submit('XY7001', { periodId: past.id });
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({
      late: true,
      state: 'submitted',
      unit: { kind: 'college', name: '报送甲学院' },
      periodTitle: past.title,
    });
    const onTime = await submit('XY7001', { periodId: future.id });
    expect(onTime.body.late).toBe(false);

    const twice = await submit('XY7001', { periodId: future.id });
    expect(twice.status).toBe(409);
    const notRequired = await submit('XY7201', { periodId: future.id });
    expect(notRequired.status).toBe(403);

    const pastDetail = await periodDetail(past.id);
    expect(statusOf(pastDetail, '学生处')).toBe('submitted');
    expect(statusOf(pastDetail, '报送甲学院')).toBe('late');
    expect(statusOf(pastDetail, '报送乙学院')).toBe('missing');
    expect(pastDetail.counts).toMatchObject({ required: 3, submitted: 1, late: 1, missing: 1, pending: 0 });
    const futureDetail = await periodDetail(future.id);
    expect(statusOf(futureDetail, '报送甲学院')).toBe('submitted');
    expect(statusOf(futureDetail, '报送乙学院')).toBe('pending');

    const attention = (
      await t.request<ReportAttentionSummary>('GET', '/api/report-periods/attention', { token: admin })
    ).body;
    const entry = attention.periods.find((p) => p.id === past.id)!;
    expect(entry.missing.map((u) => u.name)).toEqual(['报送乙学院']);
    expect(entry.late.map((u) => u.name)).toEqual(['报送甲学院']);
    expect(attention.periods.some((p) => p.id === future.id)).toBe(false);

    const tasks = (await t.request<MyReportTask[]>('GET', '/api/my/report-tasks', { token: tokens.XY7101 })).body;
    expect(tasks.find((x) => x.periodId === past.id)).toMatchObject({ status: 'missing', reportId: null });
    expect(tasks.find((x) => x.periodId === future.id)).toMatchObject({ status: 'pending' });
  });

  it("shows a college's reporter only their own unit's reports", async () => {
    const own = await submit('XY7101', { title: '乙院随时报送' });
    expect(own.status).toBe(201);
    const listA = (
      await t.request<Page<ReportSummaryDto>>('GET', '/api/reports?pageSize=100', { token: tokens.XY7001 })
    ).body;
    expect(listA.items.length).toBeGreaterThan(0);
    expect(listA.items.every((r) => r.unit.name === '报送甲学院')).toBe(true);
    expect((await t.request('GET', `/api/reports/${own.body.id}`, { token: tokens.XY7001 })).status).toBe(404);
    expect(
      (
        await t.request('POST', `/api/reports/${own.body.id}/comments`, {
          token: tokens.XY7001,
          body: { body: '看看' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.request('PUT', `/api/reports/${own.body.id}`, {
          token: tokens.XY7001,
          body: { title: '改', content: '改', incident: false },
        })
      ).status,
    ).toBe(404);
    // Asking for another unit by filter changes nothing.
    const filtered = (
      await t.request<Page<ReportSummaryDto>>(
        'GET',
        `/api/reports?unitKind=college&unitId=${collegeId('报送乙学院')}`,
        { token: tokens.XY7001 },
      )
    ).body;
    expect(filtered.total).toBe(0);

    const office = (
      await t.request<Page<ReportSummaryDto>>('GET', '/api/reports?pageSize=100', { token: tokens.BW7001 })
    ).body;
    expect(new Set(office.items.map((r) => r.unit.name))).toEqual(new Set(['报送甲学院', '报送乙学院', '学生处']));
  });

  it('lets the office read, comment and mark reviewed, after which the reporter can only reply', async () => {
    const report = (await submit('XY7201', { title: '丙院十一月报送' })).body;
    const commented = await t.request<ReportDetailDto>('POST', `/api/reports/${report.id}/comments`, {
      token: tokens.BW7001,
      body: { body: '请补充班会照片。' },
    });
    expect(commented.body.comments).toEqual([
      expect.objectContaining({ authorName: '保卫处干事', fromOffice: true, body: '请补充班会照片。' }),
    ]);
    const edited = await t.request<ReportDetailDto>('PUT', `/api/reports/${report.id}`, {
      token: tokens.XY7201,
      body: { title: '丙院十一月报送（补充）', content: '已补充照片。', incident: false },
    });
    expect(report.editedAt).toBeNull();
    expect(edited.body).toMatchObject({
      title: '丙院十一月报送（补充）',
      content: '已补充照片。',
      submittedAt: report.submittedAt,
      editedAt: expect.any(String),
    });

    const reviewed = await t.request<ReportDetailDto>('POST', `/api/reports/${report.id}/review`, {
      token: tokens.BW7001,
      body: { comment: '已阅，做法很好。' },
    });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ state: 'reviewed', reviewedByName: '保卫处干事' });
    expect(reviewed.body.comments.map((c) => c.body)).toEqual(['请补充班会照片。', '已阅，做法很好。']);
    expect(
      (await t.request('POST', `/api/reports/${report.id}/review`, { token: tokens.BW7001, body: {} })).body,
    ).toMatchObject({ reviewedAt: reviewed.body.reviewedAt });

    expect(
      (
        await t.request('PUT', `/api/reports/${report.id}`, {
          token: tokens.XY7201,
          body: { title: '再改', content: '再改', incident: false },
        })
      ).status,
    ).toBe(409);
    expect((await t.upload(`/api/reports/${report.id}/attachments`, PDF, 'photo.pdf', tokens.XY7201)).status).toBe(409);
    const reply = await t.request<ReportDetailDto>('POST', `/api/reports/${report.id}/comments`, {
      token: tokens.XY7201,
      body: { body: '收到。' },
    });
    expect(reply.body.comments.at(-1)).toMatchObject({ fromOffice: false, authorName: '丙院管理员' });
    expect(
      (await t.request('POST', `/api/reports/${report.id}/review`, { token: tokens.XY7201, body: {} })).status,
    ).toBe(403);

    const audit = (await t.request<Page<AuditLogDto>>('GET', '/api/audit-logs?action=report.review', { token: admin }))
      .body;
    expect(audit.items[0]).toMatchObject({
      actorName: '保卫处干事',
      targetType: 'report',
      targetId: String(report.id),
      summary: '审阅报送丙学院的报送「丙院十一月报送（补充）」',
    });
  });

  it('takes PDF and Word attachments and refuses oversize files and other types', async () => {
    const report = (await submit('XY7001', { title: '附件测试' })).body;
    const pdf = await t.request<ReportAttachmentDto>('POST', `/api/reports/${report.id}/attachments`, {
      token: tokens.XY7001,
      ...browserUpload('file', '班会记录.pdf', PDF),
    });
    expect(pdf.status).toBe(201);
    expect(pdf.body).toMatchObject({ filename: '班会记录.pdf', mimeType: 'application/pdf', size: PDF.length });
    const docx = await t.upload<ReportAttachmentDto>(
      `/api/reports/${report.id}/attachments`,
      DOCX,
      '总结.docx',
      tokens.XY7001,
    );
    expect(docx.body.mimeType).toContain('wordprocessingml');

    const exe = await t.upload<{ message: string }>(
      `/api/reports/${report.id}/attachments`,
      Buffer.from('MZ\u0090\u0000\u0003', 'latin1'),
      '总结.pdf',
      tokens.XY7001,
    );
    expect(exe.status).toBe(422);
    expect(exe.body.message).toMatch(/不支持该文件类型/);
    const html = await t.upload(
      `/api/reports/${report.id}/attachments`,
      Buffer.from('<html><script>alert(1)</script></html>'),
      'page.docx',
      tokens.XY7001,
    );
    expect(html.status).toBe(422);
    const huge = await t.upload<{ message: string }>(
      `/api/reports/${report.id}/attachments`,
      Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]),
      'big.pdf',
      tokens.XY7001,
    );
    expect(huge.status).toBe(413);
    expect(huge.body.message).toMatch(/10 MB/);

    const download = await t.request('GET', `/api/reports/${report.id}/attachments/${pdf.body.id}`, {
      token: tokens.BW7001,
    });
    expect(download.status).toBe(200);
    expect(download.raw.equals(PDF)).toBe(true);
    expect(String(download.headers['content-disposition'])).toContain(encodeURIComponent('班会记录.pdf'));
    expect(
      (await t.request('GET', `/api/reports/${report.id}/attachments/${pdf.body.id}`, { token: tokens.XY7101 })).status,
    ).toBe(404);

    expect(
      (await t.request('DELETE', `/api/reports/${report.id}/attachments/${docx.body.id}`, { token: tokens.XY7001 }))
        .status,
    ).toBe(204);
    const detail = (await t.request<ReportDetailDto>('GET', `/api/reports/${report.id}`, { token: tokens.XY7001 }))
      .body;
    expect(detail.attachments.map((a) => a.filename)).toEqual(['班会记录.pdf']);
  });

  it('notifies the office at once of a 重大信息 report, and nobody else', async () => {
    const report = (
      await submit('XY7101', {
        title: '学生遭遇冒充公检法诈骗',
        content: '我院一名学生被骗 8000 元，已报警。',
        incident: true,
      })
    ).body;
    const officeAlerts = (await t.request<MyAlertDto[]>('GET', '/api/my/alerts', { token: tokens.BW7001 })).body;
    expect(officeAlerts[0]).toMatchObject({
      level: 'urgent',
      title: '【重大信息】报送乙学院：学生遭遇冒充公检法诈骗',
      link: `/reports/${report.id}`,
      readAt: null,
    });
    expect(officeAlerts[0]!.content).toContain('被骗 8000 元');
    expect(
      (await t.request<MyAlertDto[]>('GET', '/api/my/alerts', { token: tokens['2025700101'] })).body.some(
        (a) => a.link === `/reports/${report.id}`,
      ),
    ).toBe(false);
    expect(
      (await t.request<MyAlertDto[]>('GET', '/api/my/alerts', { token: tokens.XY7001 })).body.some(
        (a) => a.link === `/reports/${report.id}`,
      ),
    ).toBe(false);

    // A report marked 重大信息 only on correction is announced then.
    const plain = (await submit('XY7001', { title: '普通报送' })).body;
    await t.request('PUT', `/api/reports/${plain.id}`, {
      token: tokens.XY7001,
      body: { title: '普通报送', content: '发现疑似涉诈 APP 推广。', incident: true },
    });
    const after = (await t.request<MyAlertDto[]>('GET', '/api/my/alerts', { token: tokens.BW7001 })).body;
    expect(after.some((a) => a.link === `/reports/${plain.id}`)).toBe(true);
  });
});
