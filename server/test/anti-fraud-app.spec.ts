import {
  Role,
  type AntiFraudAppRecord,
  type AppInstallStats,
  type AppMissingRow,
  type CollegeDto,
  type Page,
} from '@campus/shared';
import { AntiFraudAppReport } from '../src/modules/anti-fraud-app/anti-fraud-app-report.entity';
import { StoredFile } from '../src/common/files/stored-file.entity';
import { TestApp } from './harness';
import { enrolStudents } from './factories/exam.factory';
import { collegeAdmin, student, teacher } from './factories/roster.factory';

/** The smallest real PNG: a 1×1 pixel. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('国家反诈中心 APP drive', () => {
  let t: TestApp;
  let admin: string;
  let tokens: Record<string, string>;
  let collegeA: number;
  let collegeB: number;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    tokens = await enrolStudents(t, admin, [
      student('2025600101', '甲一', '应安甲学院', '应安甲2025-1班'),
      student('2025600102', '甲二', '应安甲学院', '应安甲2025-1班'),
      student('2025600201', '甲三', '应安甲学院', '应安甲2025-2班'),
      teacher('T6001', '甲院老师', '应安甲学院'),
      collegeAdmin('XY6001', '甲院管理员', '应安甲学院'),
      student('2025610101', '乙一', '应安乙学院', '应安乙2025-1班'),
    ]);
    const colleges = (await t.request<CollegeDto[]>('GET', '/api/colleges', { token: admin })).body;
    collegeA = colleges.find((c) => c.name === '应安甲学院')!.id;
    collegeB = colleges.find((c) => c.name === '应安乙学院')!.id;
  });
  afterAll(() => t.close());

  const report = (username: string, installed: boolean, registered: boolean) =>
    t.request<AntiFraudAppRecord>('PUT', '/api/my/anti-fraud-app', {
      token: tokens[username],
      body: { installed, registered },
    });
  const stats = async (query = '', token = admin) =>
    (await t.request<AppInstallStats>('GET', `/api/anti-fraud-app/stats${query}`, { token })).body;

  it('starts with nothing reported, then keeps what the person reports with the time', async () => {
    const before = await t.request<AntiFraudAppRecord>('GET', '/api/my/anti-fraud-app', {
      token: tokens['2025600101'],
    });
    expect(before.body).toMatchObject({ installed: false, registered: false, reportedAt: null, hasScreenshot: false });

    const saved = await report('2025600101', true, false);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ installed: true, registered: false, hasScreenshot: false });
    expect(Math.abs(Date.parse(saved.body.reportedAt!) - Date.now())).toBeLessThan(5000);

    const again = await report('2025600101', true, true);
    expect(again.body).toMatchObject({ installed: true, registered: true });
    expect(
      (await t.request<AntiFraudAppRecord>('GET', '/api/my/anti-fraud-app', { token: tokens['2025600101'] })).body,
    ).toMatchObject({ installed: true, registered: true });
    expect(await t.dataSource.getRepository(AntiFraudAppReport).countBy({})).toBe(1);
  });

  it('refuses a report with nothing ticked instead of recording 未安装, but takes it back from someone who had installed', async () => {
    const empty = await report('2025600102', false, false);
    expect(empty.status).toBe(400);
    expect((empty.body as unknown as { message: string }).message).toMatch(/请勾选“我已安装国家反诈中心 APP”后再登记/);
    expect(
      (await t.request<AntiFraudAppRecord>('GET', '/api/my/anti-fraud-app', { token: tokens['2025600102'] })).body,
    ).toMatchObject({ installed: false, reportedAt: null });

    // Having installed, then removed the APP: the correction is recorded, and a second one is refused.
    expect((await report('2025600102', true, false)).status).toBe(200);
    expect((await report('2025600102', false, false)).body).toMatchObject({ installed: false, registered: false });
    expect((await report('2025600102', false, false)).status).toBe(400);
    expect((await report('2025600102', true, true)).status).toBe(200);
    expect((await report('2025600102', false, false)).status).toBe(200);
  });

  it('refuses registered without installed', async () => {
    const res = await report('2025600102', false, true);
    expect(res.status).toBe(400);
    expect((res.body as unknown as { message: string }).message).toMatch(/先安装/);
  });

  it('counts install and register rates per college, and the rate moves when someone installs', async () => {
    // 甲: 3 students, a teacher and the college admin; 2025600101 installed and registered.
    const first = await stats();
    const rowA = first.rows.find((r) => r.id === collegeA)!;
    expect(rowA).toMatchObject({ name: '应安甲学院', people: 5, installed: 1, registered: 1, installRate: 0.2 });
    expect(first.rows.find((r) => r.id === collegeB)).toMatchObject({ people: 1, installed: 0, installRate: 0 });

    await report('T6001', true, false);
    const second = await stats();
    expect(second.rows.find((r) => r.id === collegeA)).toMatchObject({
      installed: 2,
      registered: 1,
      installRate: 0.4,
      registerRate: 0.2,
    });
    expect(second.total.installed).toBe(first.total.installed + 1);

    const studentsOnly = await stats('?role=student');
    expect(studentsOnly.rows.find((r) => r.id === collegeA)).toMatchObject({ people: 3, installed: 1 });
  });

  it('counts per class for the students of a college', async () => {
    const byClass = await stats(`?groupBy=class&collegeId=${collegeA}`);
    expect(byClass.rows.map((r) => [r.name, r.people, r.installed])).toEqual([
      ['应安甲2025-1班', 2, 1],
      ['应安甲2025-2班', 1, 0],
    ]);
    expect(byClass.total).toMatchObject({ people: 3, installed: 1, installRate: 1 / 3 });
  });

  it('names who has not installed and who installed without registering', async () => {
    const missing = (
      await t.request<Page<AppMissingRow>>('GET', `/api/anti-fraud-app/missing?collegeId=${collegeA}&pageSize=50`, {
        token: admin,
      })
    ).body;
    expect(missing.items.map((r) => r.username).sort()).toEqual(['2025600102', '2025600201', 'XY6001']);
    const unregistered = (
      await t.request<Page<AppMissingRow>>('GET', '/api/anti-fraud-app/missing?kind=not_registered', { token: admin })
    ).body;
    expect(unregistered.items).toEqual([
      expect.objectContaining({ username: 'T6001', role: Role.Teacher, installed: true, registered: false }),
    ]);
    const file = await t.request('GET', '/api/anti-fraud-app/missing/export', { token: admin });
    expect(file.status).toBe(200);
    expect(String(file.headers['content-type'])).toContain('spreadsheetml');
  });

  it('keeps a college admin to their own college', async () => {
    const own = await stats('', tokens.XY6001);
    expect(own.rows.map((r) => r.id)).toEqual([collegeA]);
    expect(
      (await t.request('GET', `/api/anti-fraud-app/stats?collegeId=${collegeB}`, { token: tokens.XY6001 })).status,
    ).toBe(403);
    const missing = (
      await t.request<Page<AppMissingRow>>('GET', '/api/anti-fraud-app/missing?pageSize=50', { token: tokens.XY6001 })
    ).body;
    expect(missing.items.every((r) => r.collegeName === '应安甲学院')).toBe(true);
    expect((await t.request('GET', '/api/anti-fraud-app/stats', { token: tokens['2025600101'] })).status).toBe(403);
  });

  it('takes an image screenshot after the install is recorded, and refuses other types and oversize files', async () => {
    const token = tokens['2025610101']!;
    expect((await t.upload('/api/my/anti-fraud-app/screenshot', PNG, 'app.png', token)).status).toBe(409);

    await report('2025610101', true, true);
    const pdfNamedPng = await t.upload<{ message: string }>(
      '/api/my/anti-fraud-app/screenshot',
      Buffer.from('%PDF-1.4\n'),
      'app.png',
      token,
    );
    expect(pdfNamedPng.status).toBe(422);
    expect(pdfNamedPng.body.message).toMatch(/PNG/);
    const huge = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    expect((await t.upload('/api/my/anti-fraud-app/screenshot', huge, 'big.png', token)).status).toBe(413);

    const saved = await t.upload<AntiFraudAppRecord>('/api/my/anti-fraud-app/screenshot', PNG, 'app.png', token);
    expect(saved.status).toBe(201);
    expect(saved.body.hasScreenshot).toBe(true);
    const replaced = await t.upload<AntiFraudAppRecord>('/api/my/anti-fraud-app/screenshot', PNG, 'again.png', token);
    expect(replaced.status).toBe(201);
    expect(await t.dataSource.getRepository(StoredFile).countBy({})).toBe(1);

    const own = await t.request('GET', '/api/my/anti-fraud-app/screenshot', { token: tokens['2025610101'] });
    expect(own.status).toBe(200);
    expect(own.raw.equals(PNG)).toBe(true);
    const userId = saved.body.userId;
    expect((await t.request('GET', `/api/anti-fraud-app/records/${userId}/screenshot`, { token: admin })).status).toBe(
      200,
    );
    expect(
      (await t.request('GET', `/api/anti-fraud-app/records/${userId}/screenshot`, { token: tokens.XY6001 })).status,
    ).toBe(403);

    // Saying it is no longer installed drops the screenshot.
    expect((await report('2025610101', false, false)).body.hasScreenshot).toBe(false);
    expect(await t.dataSource.getRepository(StoredFile).countBy({})).toBe(0);
  });
});
