import type { AuditLogDto, Page } from '@campus/shared';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FileStore } from '../src/common/files/file-store';
import { StoredFile } from '../src/common/files/stored-file.entity';
import { Department } from '../src/modules/org/department.entity';
import { Letter } from '../src/modules/letters/letter.entity';
import { HousekeepingScheduler } from '../src/modules/housekeeping/housekeeping.scheduler';
import { ReportPeriod } from '../src/modules/reports/report-period.entity';
import { ReportPeriodsScheduler } from '../src/modules/reports/report-periods.scheduler';
import { ReportPeriodsService } from '../src/modules/reports/report-periods.service';
import { TestApp } from './harness';
import { enrolStudents, student } from './factories/exam.factory';
import { testClock, type TestClock } from './support/test-clock';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const HOUR = 3600;

describe('housekeeping', () => {
  let t: TestApp;
  let admin: string;
  let clock: TestClock;
  let tokens: Record<string, string>;

  const audit = async (action: string) =>
    (await t.request<Page<AuditLogDto>>('GET', `/api/audit-logs?action=${action}&pageSize=50`, { token: admin })).body
      .items;

  beforeAll(async () => {
    t = await TestApp.start({ UPLOAD_GRACE_HOURS: '24' });
    clock = testClock(t);
    admin = await t.adminToken();
    tokens = await enrolStudents(t, admin, [
      student('2025800101', '清理一', '戊学院', '戊2025-1班'),
      student('2025810101', '清理二', '己学院', '己2025-1班'),
    ]);
  });
  afterAll(() => t.close());

  describe('unused uploads', () => {
    const upload = (...parts: string[]) => join(t.config.uploadDir, ...parts);
    const put = (path: string) => {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, PNG);
      return path;
    };
    const USED_IMAGE = `${'a'.repeat(32)}.png`;
    const UNUSED_IMAGE = `${'b'.repeat(32)}.png`;
    const USED_VIDEO = `${'c'.repeat(32)}.mp4`;

    it('removes only files nothing refers to, and only after the grace period', async () => {
      // Referenced: a student's APP screenshot, an image in the letter, a lesson-less video is not.
      const token = tokens['2025800101']!;
      await t.request('PUT', '/api/my/anti-fraud-app', { token, body: { installed: true, registered: true } });
      expect((await t.upload('/api/my/anti-fraud-app/screenshot', PNG, 'app.png', token)).status).toBe(201);
      const screenshot = (await t.dataSource.getRepository(StoredFile).find())[0]!;
      await t.dataSource.getRepository(Letter).save({
        enrollmentYear: 2025,
        title: '致新生',
        html: `<p><img src="/api/course-media/images/${USED_IMAGE}"></p>`,
      });
      // Unreferenced: a stored file whose report attachment was never saved, a file without a row,
      // an image no article uses, a video no lesson uses, a video upload cut off half-way.
      const orphan = await t.get(FileStore).save(
        { buffer: PNG, filename: 'lost.png', mimetype: 'image/png' },
        {
          folder: 'reports',
          allowed: new Set(['png']),
          allowedLabel: 'PNG',
          uploadedBy: 1,
        },
      );
      const paths = {
        screenshot: upload(...screenshot.storageKey.split('/')),
        orphanRow: upload(...orphan.storageKey.split('/')),
        stray: put(upload('reports', '2026', '01', `${'d'.repeat(32)}.pdf`)),
        usedImage: put(upload('images', USED_IMAGE)),
        unusedImage: put(upload('images', UNUSED_IMAGE)),
        unusedVideo: put(upload('videos', USED_VIDEO)),
        partial: put(upload('videos', '.upload-0123456789abcdef')),
      };
      for (const path of Object.values(paths)) expect(existsSync(path)).toBe(true);

      const sweeper = t.get(HousekeepingScheduler);
      clock.advance(23 * HOUR);
      await sweeper.sweepUploads();
      for (const path of Object.values(paths)) expect(existsSync(path)).toBe(true);
      expect(await audit('housekeeping.uploads')).toEqual([]);

      clock.advance(2 * HOUR);
      await sweeper.sweepUploads();
      const kept = Object.entries(paths)
        .filter(([, path]) => existsSync(path))
        .map(([name]) => name);
      expect(kept.sort()).toEqual(['screenshot', 'usedImage']);
      expect((await t.dataSource.getRepository(StoredFile).find()).map((f) => f.id)).toEqual([screenshot.id]);
      const [line] = await audit('housekeeping.uploads');
      expect(line).toMatchObject({ actorId: null, actorName: '系统（定时任务）' });
      expect(line!.summary).toContain('5 个'); // one stored row with its file, four files without one
      // The student still sees their screenshot.
      expect((await t.request('GET', '/api/my/anti-fraud-app/screenshot', { token })).status).toBe(200);
    });
  });

  describe('monthly report periods', () => {
    const periods = () => t.dataSource.getRepository(ReportPeriod).find({ order: { id: 'ASC' } });

    it('makes the month’s period on the 1st for every college and department, once', async () => {
      await t.dataSource.getRepository(Department).save({ name: '保卫处' });
      const service = t.get(ReportPeriodsService);
      const made = await service.ensureMonthly(new Date('2027-03-01T00:05:00+08:00'));
      expect(made).toMatchObject({
        title: '2027年3月反诈工作信息报送',
        startsOn: '2027-03-01',
        endsOn: '2027-03-31',
        dueAt: '2027-04-05T09:00:00.000Z',
      });
      const [period] = await periods();
      expect(period!.collegeIds).toHaveLength(2);
      expect(period!.departmentIds).toHaveLength(1);
      expect(await service.ensureMonthly(new Date('2027-03-02T00:05:00+08:00'))).toBeNull();
      expect(await periods()).toHaveLength(1);
      const [line] = await audit('report-period.create');
      expect(line).toMatchObject({ actorName: '系统（定时任务）' });
    });

    it('asks the units of the latest period next month, and leaves a month the office already set alone', async () => {
      const [march] = await periods();
      await t.dataSource
        .getRepository(ReportPeriod)
        .update({ id: march!.id }, { collegeIds: [march!.collegeIds[0]!], departmentIds: [] });
      const april = await t.get(ReportPeriodsService).ensureMonthly(new Date('2027-04-01T00:05:00+08:00'));
      expect(april).not.toBeNull();
      const saved = await t.dataSource.getRepository(ReportPeriod).findOneByOrFail({ id: april!.id });
      expect([saved.collegeIds, saved.departmentIds]).toEqual([[march!.collegeIds[0]], []]);

      // The office made May's by hand (the 报送周期 page): nothing is added.
      const may = await t.request('POST', '/api/report-periods', {
        token: admin,
        body: {
          title: '五月信息报送',
          startsOn: '2027-05-01',
          endsOn: '2027-05-31',
          dueAt: '2027-06-05T17:00:00+08:00',
          collegeIds: [march!.collegeIds[0]],
          departmentIds: [],
        },
      });
      expect(may.status).toBe(201);
      expect(await t.get(ReportPeriodsService).ensureMonthly(new Date('2027-05-01T00:05:00+08:00'))).toBeNull();
      expect(await periods()).toHaveLength(3);
    });

    it('runs from the scheduler with the application clock', async () => {
      clock.advance(0);
      await t.get(ReportPeriodsScheduler).run();
      const now = clock.now();
      const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
        .format(now)
        .slice(0, 7);
      expect((await periods()).some((p) => p.startsOn === `${month}-01`)).toBe(true);
    });
  });
});
