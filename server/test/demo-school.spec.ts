import {
  freshmanEnrollmentYear,
  passwordProblem,
  type LoginResponse,
  type AwarenessReport,
  type ExamDto,
  type ItemStatisticsRow,
  type LetterDto,
  type MyCourseDto,
  type Page,
  type ClassDto,
  type WeeklyReportSummary,
} from '@campus/shared';
import { DEFAULT_ADMIN_PASSWORD } from '../src/config/app-config';
import {
  DEMO_INITIAL_PASSWORD as SEEDED_INITIAL_PASSWORD,
  DEMO_PASSWORD as SEEDED_DEMO_PASSWORD,
} from '../src/database/seeds/demo-school';
import { SeedService } from '../src/database/seeds/seed.service';
import { TestApp } from './harness';

const DEMO_PASSWORD = 'Fangpian-Demo-26';
const DEMO_INITIAL_PASSWORD = 'Xinsheng-Start-26';

describe('the demo school', () => {
  describe('on the clock it is given', () => {
    let t: TestApp;
    // March 2028: the academic year began in September 2027, so the freshmen are the 2027 intake.
    const now = new Date('2028-03-09T10:00:00+08:00');
    beforeAll(async () => {
      t = await TestApp.start();
      await t.get(SeedService).seedEmpty(now, { demo: true, content: true });
    });
    afterAll(() => t.close());

    it('gives the freshmen, the shipped letter and the entrance exam the same enrolment year', async () => {
      expect(freshmanEnrollmentYear(now)).toBe(2027);
      const admin = await t.adminToken();
      const classes = (await t.request<ClassDto[]>('GET', '/api/classes', { token: admin })).body;
      expect(new Set(classes.map((c) => c.enrollmentYear))).toEqual(new Set([2027, 2026]));
      expect(classes.filter((c) => c.enrollmentYear === 2027)).toHaveLength(10);
      const letters = (await t.request<LetterDto[]>('GET', '/api/letters', { token: admin })).body;
      expect(letters.map((l) => l.enrollmentYear)).toEqual([2027]);
      const exams = (await t.request<Page<ExamDto>>('GET', '/api/exams', { token: admin })).body.items;
      expect(exams).toEqual([
        expect.objectContaining({
          title: '2027 级入学第一考',
          kind: 'entrance',
          status: 'published',
          audience: expect.objectContaining({ enrollmentYears: [2027] }),
        }),
      ]);
    });

    it("signs the README's named freshman of that year in, addressed by the letter and the course", async () => {
      const token = await t.login('2027010101', DEMO_PASSWORD);
      const letter = await t.request<{ enrollmentYear: number; html: string }>('GET', '/api/my/letter', { token });
      expect(letter.status).toBe(200);
      expect(letter.body.enrollmentYear).toBe(2027);
      expect(letter.body.html).toContain('示例职业技术学院');
      const courses = (await t.request<MyCourseDto[]>('GET', '/api/my/courses', { token })).body;
      expect(courses.map((c) => c.title)).toContain('入校第一课：守护你的钱袋子');
    });

    it("keeps the README's demo passwords, each one meeting the password rule", async () => {
      for (const [username, password] of [
        ['admin', DEFAULT_ADMIN_PASSWORD],
        ['xsc01', DEMO_PASSWORD],
        ['2027010102', DEMO_INITIAL_PASSWORD],
      ] as const) {
        expect(passwordProblem(password, username)).toBeNull();
      }
      expect([DEMO_PASSWORD, DEMO_INITIAL_PASSWORD]).toEqual([SEEDED_DEMO_PASSWORD, SEEDED_INITIAL_PASSWORD]);
      const other = await t.request<LoginResponse>('POST', '/api/auth/login', {
        body: { username: '2027010102', password: DEMO_INITIAL_PASSWORD },
      });
      expect(other.status).toBe(200);
      expect(other.body.user.mustChangePassword).toBe(true);
      // The 工号 of a demo college admin is not its password.
      expect(
        (await t.request('POST', '/api/auth/login', { body: { username: 'xy02', password: 'xy02' } })).status,
      ).toBe(401);
    });

    it('does not ask staff to take the shipped freshman course', async () => {
      for (const username of ['T0001', 'xy01', 'xsc01']) {
        const token = await t.login(username, DEMO_PASSWORD);
        const courses = (await t.request<MyCourseDto[]>('GET', '/api/my/courses', { token })).body;
        expect({ username, courses }).toEqual({ username, courses: [] });
      }
    });
  });

  describe('as a new user first sees it', () => {
    let t: TestApp;
    let seconds: number;
    beforeAll(async () => {
      t = await TestApp.start();
      const started = performance.now();
      await t.get(SeedService).seedEmpty(new Date(), { demo: true, content: true });
      seconds = (performance.now() - started) / 1000;
      console.log(`demo school and shipped content seeded into an empty database in ${seconds.toFixed(2)} s`);
    });
    afterAll(() => t.close());

    // The demo is the embedded (SQLite) default: there it must be quick, about 3 s measured. On
    // MySQL it is opt-in (DEMO_DATA=true) and every row is a network round trip on a shared test
    // server, so only a looser bound is checked there (the figure is printed above).
    it('is seeded into an empty database in under ten seconds on the embedded database', () => {
      expect(seconds).toBeLessThan(t.config.databaseKind === 'sqlite' ? 10 : 30);
    });

    it('has a published entrance exam with a few hundred attempts: passes, fails and some in progress', async () => {
      const admin = await t.adminToken();
      const exam = (await t.request<Page<ExamDto>>('GET', '/api/exams?kind=entrance', { token: admin })).body.items[0]!;
      expect(exam.status).toBe('published');
      const rows = await t.dataSource.query<
        { submitted: number | string; open: number | string; passed: number | string; failed: number | string }[]
      >(
        `SELECT SUM(CASE WHEN submitted_at IS NOT NULL THEN 1 ELSE 0 END) AS submitted,
                SUM(CASE WHEN submitted_at IS NULL THEN 1 ELSE 0 END) AS open,
                SUM(CASE WHEN passed = 1 THEN 1 ELSE 0 END) AS passed,
                SUM(CASE WHEN passed = 0 THEN 1 ELSE 0 END) AS failed
           FROM exam_attempt WHERE exam_id = ?`,
        [exam.id],
      );
      const counts = Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
      console.log(`demo entrance exam: ${JSON.stringify(counts)}`);
      expect(counts.submitted).toBeGreaterThanOrEqual(200);
      expect(counts.open).toBeGreaterThan(0);
      expect(counts.failed).toBeGreaterThan(counts.submitted! * 0.1);
      expect(counts.passed).toBeGreaterThan(counts.failed!);
    });

    it('shows awareness, item analysis and Friday reports with figures instead of zeros', async () => {
      const admin = await t.login('xsc01', DEMO_PASSWORD);
      const awareness = (
        await t.request<AwarenessReport>('GET', '/api/stats/awareness?groupBy=college', { token: admin })
      ).body;
      expect(awareness.total.participated).toBeGreaterThan(0);
      expect(awareness.total.awarenessRate).toBeGreaterThan(0.3);
      expect(awareness.total.awarenessRate).toBeLessThan(1);
      const rates = awareness.rows.map((r) => r.awarenessRate);
      expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(0.1);

      const exam = (await t.request<Page<ExamDto>>('GET', '/api/exams?kind=entrance', { token: admin })).body.items[0]!;
      const items = (
        await t.request<ItemStatisticsRow[]>('GET', `/api/stats/items?examId=${exam.id}`, { token: admin })
      ).body;
      expect(items.length).toBeGreaterThan(25);
      const facilities = items.map((i) => i.facility ?? 0);
      expect(Math.min(...facilities)).toBeLessThan(0.7);
      expect(Math.max(...facilities)).toBeGreaterThan(0.85);
      const discriminating = items.filter((i) => (i.discriminationIndex ?? 0) > 0);
      expect(discriminating.length).toBeGreaterThan(items.length / 2);

      const reports = (await t.request<Page<WeeklyReportSummary>>('GET', '/api/weekly-reports', { token: admin })).body;
      expect(reports.total).toBeGreaterThanOrEqual(2);
      expect(reports.items.every((r) => r.title.startsWith('示例职业技术学院反诈宣传周报'))).toBe(true);
      expect(reports.items[0]!.people).toBeGreaterThan(0);
      expect(reports.items[0]!.awarenessRate).toBeGreaterThan(reports.items.at(-1)!.awarenessRate);
    });
  });

  it('is not loaded without DEMO_DATA: the shipped content alone has no exam and no attempts', async () => {
    const t = await TestApp.start({ SEED_CONTENT: 'true' });
    try {
      const admin = await t.adminToken();
      expect((await t.request<Page<ExamDto>>('GET', '/api/exams', { token: admin })).body.total).toBe(0);
      expect(await t.dataSource.query('SELECT id FROM exam_attempt')).toEqual([]);
      expect(
        (await t.request<Page<WeeklyReportSummary>>('GET', '/api/weekly-reports', { token: admin })).body.total,
      ).toBe(0);
      // Every shipped prompt arrives with its 课堂快问 question, linked to the shipped bank.
      const count = async (sql: string) => Number((await t.dataSource.query<Array<{ n: number | string }>>(sql))[0]!.n);
      const prompts = await count('SELECT COUNT(*) AS n FROM prompt');
      const linked = await count('SELECT COUNT(DISTINCT prompt_id) AS n FROM prompt_quick_question');
      expect(Number(prompts)).toBeGreaterThan(40);
      expect(Number(linked)).toBe(Number(prompts));
    } finally {
      await t.close();
    }
  });
});
