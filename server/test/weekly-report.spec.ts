import ExcelJS from 'exceljs';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { AuditLogDto, ExamDto, Page, QuestionDto, WeeklyReportDto, WeeklyReportSummary } from '@campus/shared';
import { latestCutoff } from '../src/modules/stats/report-week';
import { WeeklyReport } from '../src/modules/weekly-report/weekly-report.entity';
import { WeeklyReportService } from '../src/modules/weekly-report/weekly-report.service';
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

const SCHOOL_ADMIN = 'XS7001';

describe('the weekly report (周五通报)', () => {
  let t: TestApp;
  let admin: string;
  let tokens: Record<string, string>;
  let question: QuestionDto;
  let exam: ExamDto;

  async function pass(username: string, right: boolean): Promise<void> {
    const token = tokens[username]!;
    const session = await t.request<{ attemptId: number }>('POST', `/api/exams/${exam.id}/attempts`, { token });
    await t.request('PUT', `/api/attempts/${session.body.attemptId}/answers/${question.id}`, {
      token,
      body: { answer: [right ? 'B' : 'A'] },
    });
    await t.request('POST', `/api/attempts/${session.body.attemptId}/submit`, { token });
  }

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    tokens = await enrolStudents(t, admin, [
      student('2025700101', '丙一', '丙学院', '丙2025-1班'),
      student('2025700102', '丙二', '丙学院', '丙2025-1班'),
      student('2025710101', '丁一', '丁学院', '丁2025-1班'),
      student('2025710102', '丁二', '丁学院', '丁2025-1班'),
      collegeAdmin('XY7001', '丙院管理员', '丙学院'),
      [SCHOOL_ADMIN, '学生处干事', '学校管理员', '', '', '', '', '', ''],
    ]);
    question = await createQuestion(t, admin, singleQuestion());
    exam = await publishedExam(t, admin, examInput({ paper: { questionIds: [question.id] } }));
    await pass('2025700101', true);
    await pass('2025710101', true);
    await pass('2025710102', false);
  });
  afterAll(() => t.close());

  it('generates a report on demand with the school, its colleges and classes, and the ranking', async () => {
    const res = await t.request<WeeklyReportDto>('POST', '/api/weekly-reports', { token: tokens[SCHOOL_ADMIN] });
    expect(res.status).toBe(201);
    const report = res.body;
    expect(report).toMatchObject({ kind: 'manual', generatedByName: '学生处干事', people: 4, awarenessRate: 0.5 });
    expect(report.content.total).toMatchObject({ people: 4, passed: 2, participated: 3 });
    expect(report.content.colleges.map((c) => [c.name, c.passed, c.people])).toEqual([
      ['丙学院', 1, 2],
      ['丁学院', 1, 2],
    ]);
    expect(report.content.classes.map((c) => c.name)).toEqual(['丙2025-1班', '丁2025-1班']);
    // Equal awareness; 丁学院 reached both its students (one failed, but took part): it ranks first.
    expect(report.content.ranking.colleges.map((c) => [c.rank, c.name, c.coverageRate])).toEqual([
      [1, '丁学院', 1],
      [2, '丙学院', 0.5],
    ]);
    expect(report.content.ranking.rule).toMatch(/知晓率/);
    expect(Date.parse(report.asOf) - Date.parse(report.periodStart)).toBe(7 * 24 * 3600_000);
  });

  it('keeps a report frozen: later results change the next report, never an old one', async () => {
    const first = (await t.request<WeeklyReportDto>('POST', '/api/weekly-reports', { token: admin })).body;
    await pass('2025700102', true);
    const again = await t.request<WeeklyReportDto>('GET', `/api/weekly-reports/${first.id}`, { token: admin });
    expect(again.body).toEqual(first);
    expect(again.body.content.total.passed).toBe(2);
    const next = (await t.request<WeeklyReportDto>('POST', '/api/weekly-reports', { token: admin })).body;
    expect(next.id).not.toBe(first.id);
    expect(next.content.total.passed).toBe(3);
    expect(next.content.colleges.find((c) => c.name === '丙学院')).toMatchObject({ passed: 2, awarenessRate: 1 });
  });

  it('lists reports newest first', async () => {
    const page = await t.request<Page<WeeklyReportSummary>>('GET', '/api/weekly-reports?pageSize=2', { token: admin });
    expect(page.body.total).toBeGreaterThanOrEqual(3);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.items[0]!.awarenessRate).toBe(0.75);
    expect(Object.keys(page.body.items[0]!)).not.toContain('content');
  });

  it('exports a report to Excel with its summary, ranking, colleges, classes and weak spots', async () => {
    const latest = (
      await t.request<Page<WeeklyReportSummary>>('GET', '/api/weekly-reports?pageSize=1', { token: admin })
    ).body.items[0]!;
    const file = await t.request('GET', `/api/weekly-reports/${latest.id}/export`, { token: admin });
    expect(file.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.raw as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      '概况',
      '先进学院与班级',
      '各学院',
      '各班级',
      '各诈骗类型正确率',
    ]);
    const colleges = book.getWorksheet('各学院')!;
    const values = (n: number) => (colleges.getRow(n).values as unknown[]).slice(1, 6);
    expect(values(2)).toEqual(['丙学院', 2, 2, 100, 2]);
    expect(values(3)).toEqual(['丁学院', 2, 2, 100, 1]);
    expect(values(4)).toEqual(['合计', 4, 4, 100, 3]);
    expect((book.getWorksheet('先进学院与班级')!.getRow(2).values as unknown[]).slice(1, 4)).toEqual([
      '先进学院',
      1,
      '丙学院',
    ]);
  });

  it('shows a college admin the school totals and ranking but only their own detail rows', async () => {
    const latest = (
      await t.request<Page<WeeklyReportSummary>>('GET', '/api/weekly-reports?pageSize=1', { token: tokens.XY7001 })
    ).body.items[0]!;
    const report = await t.request<WeeklyReportDto>('GET', `/api/weekly-reports/${latest.id}`, {
      token: tokens.XY7001,
    });
    expect(report.body.content.colleges.map((c) => c.name)).toEqual(['丙学院']);
    expect(report.body.content.classes.map((c) => c.name)).toEqual(['丙2025-1班']);
    expect(report.body.content.total.people).toBe(4);
    expect((await t.request('POST', '/api/weekly-reports', { token: tokens.XY7001 })).status).toBe(403);
    expect((await t.request('GET', '/api/weekly-reports/99999', { token: admin })).status).toBe(404);
  });

  it('is scheduled for Friday 08:00 Asia/Shanghai', () => {
    const job = t.get(SchedulerRegistry).getCronJob('weekly-report');
    const next = job.nextDate().toJSDate();
    expect(latestCutoff(next).getTime()).toBe(next.getTime());
    expect(new Date(next.getTime() + 8 * 3600_000).getUTCDay()).toBe(5);
  });

  it('creates one Friday report per week when two server instances run the job at once', async () => {
    const second = await TestApp.start({ DATA_DIR: t.config.dataDir });
    try {
      // A Wednesday: the report belongs to the Friday before, and is counted as of its 08:00.
      const now = new Date('2026-11-25T10:00:00+08:00');
      const [a, b] = await Promise.all([
        t.get(WeeklyReportService).generateWeekly(now),
        second.get(WeeklyReportService).generateWeekly(now),
      ]);
      expect(a.id).toBe(b.id);
      expect(a).toMatchObject({
        kind: 'weekly',
        weekOf: '2026-11-20',
        asOf: '2026-11-20T00:00:00.000Z',
        generatedByName: null,
      });
      expect(await t.dataSource.getRepository(WeeklyReport).countBy({ kind: 'weekly' })).toBe(1);
      // Run again later in the week: still the one report.
      const later = await t.get(WeeklyReportService).generateWeekly(new Date(now.getTime() + 3600_000));
      expect(later.id).toBe(a.id);
    } finally {
      await second.close();
    }
  });
  it('deletes a temporary report, audited, and never a Friday report', async () => {
    const temporary = (await t.request<WeeklyReportDto>('POST', '/api/weekly-reports', { token: admin })).body;
    const friday = await t.get(WeeklyReportService).generateWeekly(new Date('2026-10-30T09:00:00+08:00'));
    expect((await t.request('DELETE', `/api/weekly-reports/${temporary.id}`, { token: tokens.XY7001 })).status).toBe(
      403,
    );
    expect((await t.request('DELETE', `/api/weekly-reports/${temporary.id}`, { token: admin })).status).toBe(204);
    expect((await t.request('GET', `/api/weekly-reports/${temporary.id}`, { token: admin })).status).toBe(404);
    expect((await t.request('DELETE', `/api/weekly-reports/${temporary.id}`, { token: admin })).status).toBe(404);
    const refused = await t.request<{ message: string }>('DELETE', `/api/weekly-reports/${friday.id}`, {
      token: admin,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/周五通报是正式通报，不能删除/);
    expect((await t.request('GET', `/api/weekly-reports/${friday.id}`, { token: admin })).status).toBe(200);

    const log = await t.request<Page<AuditLogDto>>('GET', '/api/audit-logs?targetType=weekly_report&pageSize=50', {
      token: admin,
    });
    const actions = log.body.items.filter((e) => e.targetId === String(temporary.id)).map((e) => e.action);
    expect(actions.sort()).toEqual(['weekly-report.delete', 'weekly-report.generate']);
  });
});
