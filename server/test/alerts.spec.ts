import ExcelJS from 'exceljs';
import {
  Role,
  URGENT_ALERT_PENDING,
  type AlertDto,
  type AlertInput,
  type AlertReadStats,
  type AlertUnreadRow,
  type AttemptSession,
  type CollegeDto,
  type MyAlertDto,
  type Page,
} from '@campus/shared';
import { Clock } from '../src/common/clock/clock';
import { AlertRead } from '../src/modules/alerts/alert-read.entity';
import { Alert } from '../src/modules/alerts/alert.entity';
import { User } from '../src/modules/users/user.entity';
import { TestApp } from './harness';
import { createQuestion, enrolStudents, examInput, publishedExam, singleQuestion } from './factories/exam.factory';
import { collegeAdmin, student, teacher } from './factories/roster.factory';

describe('fraud alerts', () => {
  let t: TestApp;
  let admin: string;
  let tokens: Record<string, string>;
  let collegeA: number;
  let collegeB: number;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    tokens = await enrolStudents(t, admin, [
      student('2025500101', '甲院学生一', '警示甲学院', '警示甲2025-1班'),
      student('2025500102', '甲院学生二', '警示甲学院', '警示甲2025-2班'),
      student('2025510101', '乙院学生', '警示乙学院', '警示乙2025-1班'),
      teacher('T5001', '甲院老师', '警示甲学院', '警示甲2025-1班'),
      collegeAdmin('XY5001', '甲院管理员', '警示甲学院'),
    ]);
    const colleges = (await t.request<CollegeDto[]>('GET', '/api/colleges', { token: admin })).body;
    collegeA = colleges.find((c) => c.name === '警示甲学院')!.id;
    collegeB = colleges.find((c) => c.name === '警示乙学院')!.id;
  });
  afterAll(() => t.close());

  let counter = 0;
  const publish = async (overrides: Partial<AlertInput> = {}): Promise<AlertDto> => {
    counter += 1;
    const body: AlertInput = {
      title: `警示${counter}：冒充客服退款诈骗高发`,
      content: '近期有人冒充电商客服以“退款”为由诱导转账。\n请挂断电话，拨打 96110 核实。',
      level: 'info',
      audience: {},
      ...overrides,
    };
    const res = await t.request<AlertDto>('POST', '/api/alerts', { token: admin, body });
    if (res.status !== 201) throw new Error(`publish alert: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const myAlerts = async (username: string) =>
    (await t.request<MyAlertDto[]>('GET', '/api/my/alerts', { token: tokens[username] })).body;
  const sees = async (username: string, id: number) => (await myAlerts(username)).some((a) => a.id === id);
  const read = (username: string, id: number) =>
    t.request('POST', `/api/alerts/${id}/read`, { token: tokens[username] });

  it('reaches only the roles and colleges of its audience', async () => {
    const studentsOfA = await publish({ audience: { roles: [Role.Student], collegeIds: [collegeA] } });
    expect(await sees('2025500101', studentsOfA.id)).toBe(true);
    expect(await sees('2025500102', studentsOfA.id)).toBe(true);
    expect(await sees('2025510101', studentsOfA.id)).toBe(false);
    expect(await sees('T5001', studentsOfA.id)).toBe(false);
    expect(await sees('XY5001', studentsOfA.id)).toBe(false);
    expect(studentsOfA.audienceCount).toBe(2);

    const everyone = await publish({ audience: {} });
    for (const username of ['2025500101', '2025510101', 'T5001', 'XY5001'])
      expect(await sees(username, everyone.id)).toBe(true);

    // Not in the audience: reading it is as if it did not exist.
    expect((await read('2025510101', studentsOfA.id)).status).toBe(404);
  });

  it('lists my alerts newest first with my read time', async () => {
    const older = await publish();
    await t.dataSource.getRepository(Alert).update({ id: older.id }, { publishAt: new Date(Date.now() - 3_600_000) });
    const newer = await publish({ publishAt: new Date(Date.now() - 3_600_000).toISOString() });
    // A publish time already past means now: an alert is never backdated.
    expect(Date.parse(newer.publishAt)).toBeGreaterThan(Date.now() - 60_000);
    const mine = await myAlerts('2025510101');
    const ids = mine.map((a) => a.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
    const times = mine.map((a) => Date.parse(a.publishAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(mine.find((a) => a.id === newer.id)?.readAt).toBeNull();
  });

  it('shows a scheduled alert only from its publish time on', async () => {
    const scheduled = await publish({ publishAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(scheduled.status).toBe('scheduled');
    expect(await sees('2025500101', scheduled.id)).toBe(false);
    expect((await read('2025500101', scheduled.id)).status).toBe(404);
    const listed = await t.request<Page<AlertDto>>('GET', '/api/alerts?status=scheduled', { token: admin });
    expect(listed.body.items.map((a) => a.id)).toContain(scheduled.id);

    // The hour passes.
    await t.dataSource.getRepository(Alert).update({ id: scheduled.id }, { publishAt: new Date(Date.now() - 1000) });
    expect(await sees('2025500101', scheduled.id)).toBe(true);
    expect((await t.request<AlertDto>('GET', `/api/alerts/${scheduled.id}`, { token: admin })).body.status).toBe(
      'published',
    );
  });

  it('hides a withdrawn alert from everyone at once', async () => {
    const alert = await publish();
    expect(await sees('2025500101', alert.id)).toBe(true);
    const withdrawn = await t.request<AlertDto>('POST', `/api/alerts/${alert.id}/withdraw`, { token: admin });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    for (const username of ['2025500101', '2025510101', 'T5001']) expect(await sees(username, alert.id)).toBe(false);
    expect((await read('2025500101', alert.id)).status).toBe(404);
    const again = await t.request<AlertDto>('POST', `/api/alerts/${alert.id}/withdraw`, { token: admin });
    expect(again.body.withdrawnAt).toBe(withdrawn.body.withdrawnAt);
  });

  it('records a read once, keeps the first time, and counts read rates per college', async () => {
    const alert = await publish({ audience: { roles: [Role.Student] } });
    expect((await read('2025500101', alert.id)).status).toBe(204);
    const first = (await myAlerts('2025500101')).find((a) => a.id === alert.id)!.readAt;
    expect(first).not.toBeNull();
    // A minute later, so a second write of the time would show even at second precision.
    const later = jest.spyOn(t.get(Clock), 'now').mockReturnValue(Date.now() + 60_000);
    try {
      expect((await read('2025500101', alert.id)).status).toBe(204);
    } finally {
      later.mockRestore();
    }
    expect((await myAlerts('2025500101')).find((a) => a.id === alert.id)!.readAt).toBe(first);
    expect(await t.dataSource.getRepository(AlertRead).countBy({ alertId: alert.id })).toBe(1);

    const stats = (await t.request<AlertReadStats>('GET', `/api/alerts/${alert.id}/read-stats`, { token: admin })).body;
    const row = (id: number) => stats.rows.find((r) => r.collegeId === id);
    expect(row(collegeA)).toMatchObject({ collegeName: '警示甲学院', people: 2, read: 1, readRate: 0.5 });
    expect(row(collegeB)).toMatchObject({ people: 1, read: 0, readRate: 0 });
    expect(stats.total).toEqual({ people: 3, read: 1, readRate: 1 / 3 });

    const listed = (
      await t.request<Page<AlertDto>>('GET', '/api/alerts?pageSize=100', { token: admin })
    ).body.items.find((a) => a.id === alert.id);
    expect(listed).toMatchObject({ audienceCount: 3, readCount: 1 });
  });

  it('blocks a student with an unread urgent alert on the server until they acknowledge it', async () => {
    const urgent = await publish({
      level: 'urgent',
      title: '紧急：冒充公检法诈骗',
      audience: { collegeIds: [collegeA] },
    });

    const blocked = await t.request<{ message: string; code: string }>('GET', '/api/my/exams', {
      token: tokens['2025500102'],
    });
    expect(blocked.status).toBe(403);
    expect(blocked.body).toMatchObject({ code: URGENT_ALERT_PENDING, message: '请先阅读并确认紧急预警' });
    // Teachers of the college too; what it takes to read and acknowledge stays open.
    expect(
      (await t.request<{ code: string }>('GET', '/api/my/anti-fraud-app', { token: tokens.T5001 })).body.code,
    ).toBe(URGENT_ALERT_PENDING);
    expect((await t.request('GET', '/api/auth/me', { token: tokens['2025500102'] })).status).toBe(200);
    const pending = (await myAlerts('2025500102')).find((a) => a.id === urgent.id);
    expect(pending).toMatchObject({ level: 'urgent', readAt: null });

    // Outside the audience, and admins, carry on.
    expect((await t.request('GET', '/api/my/exams', { token: tokens['2025510101'] })).status).toBe(200);
    expect((await t.request('GET', '/api/users', { token: tokens.XY5001 })).status).toBe(200);

    expect((await read('2025500102', urgent.id)).status).toBe(204);
    expect((await t.request('GET', '/api/my/exams', { token: tokens['2025500102'] })).status).toBe(200);
    expect((await t.request('GET', '/api/my/exams', { token: tokens['2025500101'] })).status).toBe(403);

    // Acknowledged on another instance (a receipt this process did not write): no longer blocked here.
    const user = await t.dataSource.getRepository(User).findOneByOrFail({ username: '2025500101' });
    await t.dataSource.getRepository(AlertRead).insert({ alertId: urgent.id, userId: user.id, readAt: new Date() });
    expect((await t.request('GET', '/api/my/exams', { token: tokens['2025500101'] })).status).toBe(200);

    // Withdrawing it frees whoever had not acknowledged it yet.
    expect((await t.request('GET', '/api/my/anti-fraud-app', { token: tokens.T5001 })).status).toBe(403);
    await t.request('POST', `/api/alerts/${urgent.id}/withdraw`, { token: admin });
    expect((await t.request('GET', '/api/my/anti-fraud-app', { token: tokens.T5001 })).status).toBe(200);
  });

  it('blocks from the moment a scheduled urgent alert is due, not before', async () => {
    const due = Date.now() + 60_000;
    const urgent = await publish({
      level: 'urgent',
      audience: { collegeIds: [collegeB] },
      publishAt: new Date(due).toISOString(),
    });
    const clock = jest.spyOn(t.get(Clock), 'now');
    try {
      clock.mockReturnValue(due - 1000);
      expect((await t.request('GET', '/api/my/exams', { token: tokens['2025510101'] })).status).toBe(200);
      clock.mockReturnValue(due);
      expect((await t.request('GET', '/api/my/exams', { token: tokens['2025510101'] })).status).toBe(403);
      // Acknowledging it unblocks (the receipt is accepted once the alert is due).
      expect((await read('2025510101', urgent.id)).status).toBeLessThan(300);
      expect((await t.request('GET', '/api/my/exams', { token: tokens['2025510101'] })).status).toBe(200);
    } finally {
      clock.mockRestore();
    }
  });

  it('lets an exam already running go on, and holds back a new one, while an urgent alert waits', async () => {
    const question = await createQuestion(t, admin, singleQuestion());
    const exam = await publishedExam(t, admin, examInput({ paper: { questionIds: [question.id] }, passScore: 50 }));
    const session = (
      await t.request<AttemptSession>('POST', `/api/exams/${exam.id}/attempts`, { token: tokens['2025510101'] })
    ).body;
    const urgent = await publish({ level: 'urgent', audience: { collegeIds: [collegeB] } });

    const save = await t.request('PUT', `/api/attempts/${session.attemptId}/answers/${question.id}`, {
      token: tokens['2025510101'],
      body: { answer: ['B'] },
    });
    expect(save.status).toBe(204);
    const submitted = await t.request<{ score: number }>('POST', `/api/attempts/${session.attemptId}/submit`, {
      token: tokens['2025510101'],
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.score).toBe(100);
    const other = await publishedExam(t, admin, examInput({ paper: { questionIds: [question.id] } }));
    const start = await t.request<{ code: string }>('POST', `/api/exams/${other.id}/attempts`, {
      token: tokens['2025510101'],
    });
    expect(start.status).toBe(403);
    expect(start.body.code).toBe(URGENT_ALERT_PENDING);
    await read('2025510101', urgent.id);
  });

  it('never blocks anyone with a 重大信息 notice addressed to the office only', async () => {
    await publish({ level: 'urgent', audience: { roles: [Role.SchoolAdmin, Role.Sysadmin] } });
    expect((await t.request('GET', '/api/my/exams', { token: tokens['2025500102'] })).status).toBe(200);
  });

  it('names who has not read an urgent alert, filterable and exportable', async () => {
    const urgent = await publish({ level: 'urgent', audience: { roles: [Role.Student] } });
    await read('2025500101', urgent.id);
    const unread = (await t.request<Page<AlertUnreadRow>>('GET', `/api/alerts/${urgent.id}/unread`, { token: admin }))
      .body;
    expect(unread.items.map((r) => r.username)).toEqual(['2025500102', '2025510101']);
    expect(unread.items[0]).toMatchObject({
      name: '甲院学生二',
      role: Role.Student,
      collegeName: '警示甲学院',
      className: '警示甲2025-2班',
    });
    const ofA = (
      await t.request<Page<AlertUnreadRow>>('GET', `/api/alerts/${urgent.id}/unread?collegeId=${collegeA}`, {
        token: admin,
      })
    ).body;
    expect(ofA).toMatchObject({ total: 1, items: [expect.objectContaining({ username: '2025500102' })] });

    const file = await t.request('GET', `/api/alerts/${urgent.id}/unread/export`, { token: admin });
    expect(file.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.raw as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '学号/工号', '姓名', '身份', '学院', '班级']);
    expect(sheet.getColumn(1).values.slice(2)).toEqual(['2025500102', '2025510101']);
    for (const username of ['2025500102', '2025510101']) await read(username, urgent.id);
  });

  it('refuses an unknown college, level or role in Chinese', async () => {
    const unknownCollege = await t.request<{ message: string }>('POST', '/api/alerts', {
      token: admin,
      body: { title: '标题', content: '内容', level: 'info', audience: { collegeIds: [99999] } },
    });
    expect(unknownCollege.status).toBe(400);
    expect(unknownCollege.body.message).toBe('所选学院不存在');
    const badLevel = await t.request('POST', '/api/alerts', {
      token: admin,
      body: { title: '标题', content: '内容', level: 'critical', audience: {} },
    });
    expect(badLevel.status).toBe(400);
    const badRole = await t.request('POST', '/api/alerts', {
      token: admin,
      body: { title: '标题', content: '内容', level: 'info', audience: { roles: ['dean'] } },
    });
    expect(badRole.status).toBe(400);
    const student = await t.request('POST', '/api/alerts', {
      token: tokens['2025500101'],
      body: { title: '标题', content: '内容', level: 'info', audience: {} },
    });
    expect(student.status).toBe(403);
  });
});
