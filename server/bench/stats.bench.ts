/**
 * pnpm bench:stats [--students 30000] [--runs 7] [--json]
 *
 * Statistics on a school the size of a real one, in MariaDB: 30,000 students in 12 colleges and
 * 600 classes (four cohorts), 60,000 attempts (45,000 at the 入学第一考 — retakes, some past their
 * deadline but never submitted, some still being written — and 15,000 at a regular exam) and
 * 1,800,000 answers, plus course completions, letter confirmations, APP reports and 课前3分钟
 * deliveries. Everything is written with bulk multi-row INSERTs, not through the API. Then, through
 * the real routes (in-process HTTP), it times awareness by college and by class, the first page of
 * the not-passed list and the item analysis of the 入学第一考 — the median of repeated runs, the
 * first (cold) run excluded — and checks the figures, and a weekly report's, against a plain SQL
 * recount. BENCH_DATABASE_URL (default mysql://root@127.0.0.1:3306/campus_bench_stats) is emptied
 * first; the schema comes from the migrations, completed from the entities where they do not reach.
 */
import 'reflect-metadata';
import {
  answerCodec,
  scoreAnswer,
  usernameKey,
  type QuestionType,
  type AwarenessReport,
  type FraudTypeReport,
  type ItemStatisticsRow,
  type NotPassedPerson,
  type Page,
  type WeeklyReportDto,
} from '@campus/shared';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPool, type Pool } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { AppConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { recreateMysqlDatabase } from '../src/database/mysql-admin';
import { AttemptFinalizer } from '../src/modules/exams/attempt-finalizer';
import { encodeFraudTally } from '../src/modules/stats/fraud-tally';

const ARGS = process.argv.slice(2);
function arg(name: string, fallback: number): number {
  const i = ARGS.indexOf(`--${name}`);
  return i >= 0 ? Number(ARGS[i + 1]) : fallback;
}

const STUDENTS = arg('students', 30_000);
const RUNS = arg('runs', 7);
const JSON_OUT = ARGS.includes('--json');
const DB_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/campus_bench_stats';
const COLLEGES = 12;
const CLASSES = 600;
const QUESTIONS_PER_TYPE = 10;
/** Marks per question of each type: 10 × 4 + 10 × 3 + 10 × 3 = 100. */
const MARKS = { single: 4, multiple: 3, judge: 3 } as const;
type QType = keyof typeof MARKS;
const PASS_SCORE = 60;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const log = (line: string) => console.log(line);

/** mulberry32: the same school on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20261127);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

interface BankQuestion {
  id: number;
  versionId: number;
  /** The right keys, sorted and joined, as an answer is stored (AnswerCodec.key, attempt_question.answer_key). */
  key: string;
  /** A wrong answer of the same type. */
  wrong: string;
  fraudType: string;
}

/** Migrations first (as production), then whatever the entities add beyond them. */
async function createSchema(config: AppConfig): Promise<void> {
  const dataSource = new DataSource({
    ...dataSourceOptions(config, 'mariadb'),
    migrationsRun: false,
    synchronize: false,
    logging: false,
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const pending = await dataSource.driver.createSchemaBuilder().log();
  if (pending.upQueries.length > 0) {
    log(`  schema: ${pending.upQueries.length} statements beyond the migrations, from the entities (synchronize)`);
    await dataSource.synchronize();
  }
  await dataSource.destroy();
}

async function insertRows(
  pool: Pool,
  table: string,
  columns: string[],
  rows: unknown[][],
  chunk = 5000,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    await pool.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ?`, [rows.slice(i, i + chunk)]);
  }
}

async function tableExists(pool: Pool, table: string): Promise<boolean> {
  const [rows] = await pool.query(
    'SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?',
    [table],
  );
  return Number((rows as Array<{ n: number }>)[0]?.n) > 0;
}

async function bank(pool: Pool): Promise<Record<QType, BankQuestion[]>> {
  const [rows] = await pool.query(
    `SELECT q.id, q.type, q.current_version_id AS version_id, v.answer, v.options, v.fraud_type FROM question q JOIN question_version v ON v.id = q.current_version_id WHERE q.status = 'active'`,
  );
  const result: Record<QType, BankQuestion[]> = { single: [], multiple: [], judge: [] };
  for (const r of rows as Array<{
    id: number;
    type: QType;
    version_id: number;
    answer: string;
    options: string;
    fraud_type: string;
  }>) {
    const answer = JSON.parse(r.answer) as string[];
    const keys = (JSON.parse(r.options) as Array<{ key: string }>).map((o) => o.key);
    const key = answerCodec(r.type as QuestionType).key(answer);
    // A multiple choice with one right key missing, or any other single key: both score 0.
    const wrong = r.type === 'multiple' ? [...answer].sort().slice(1).join('') : keys.find((k) => !answer.includes(k))!;
    result[r.type].push({ id: r.id, versionId: r.version_id, key, wrong, fraudType: r.fraud_type });
  }
  return result;
}

async function insertExam(pool: Pool, title: string, kind: 'entrance' | 'regular', now: number): Promise<number> {
  const rules = (Object.keys(MARKS) as QType[]).map((type) => ({
    type,
    count: QUESTIONS_PER_TYPE,
    score: MARKS[type],
  }));
  const [result] = await pool.query(
    `INSERT INTO exam (title, description, kind, status, opens_at, closes_at, duration_minutes, pass_score, max_attempts, audience, paper,
       shuffle_questions, shuffle_options, review_policy, leave_limit, total_score, question_count, published_at, created_by)
     VALUES (?, '', ?, 'published', ?, ?, 30, ?, 0, ?, ?, 1, 1, 'after_submit', NULL, 100, 30, ?, NULL)`,
    [
      title,
      kind,
      new Date(now - 40 * DAY),
      new Date(now + 30 * DAY),
      PASS_SCORE,
      JSON.stringify({ collegeIds: [], enrollmentYears: [], classIds: [] }),
      JSON.stringify({ rules }),
      new Date(now - 40 * DAY),
    ],
  );
  return (result as { insertId: number }).insertId;
}

interface Filled {
  entranceId: number;
  regularId: number;
  attempts: number;
  answers: number;
}

async function fill(pool: Pool, now: number): Promise<Filled> {
  const years = [2023, 2024, 2025, 2026];
  await insertRows(
    pool,
    'college',
    ['id', 'name', 'code'],
    Array.from({ length: COLLEGES }, (_, c) => [c + 1, `第${c + 1}学院`, `C${String(c + 1).padStart(2, '0')}`]),
  );
  const classRows: unknown[][] = [];
  for (let k = 0; k < CLASSES; k++) {
    const college = (k % COLLEGES) + 1;
    const year = years[Math.floor(k / COLLEGES) % years.length]!;
    classRows.push([
      k + 1,
      `第${college}学院${year}级${Math.floor(k / (COLLEGES * years.length)) + 1}班`,
      college,
      year,
    ]);
  }
  await insertRows(pool, 'school_class', ['id', 'name', 'college_id', 'enrollment_year'], classRows);
  const [maxUser] = await pool.query('SELECT MAX(id) AS id FROM user');
  const firstUserId = Number((maxUser as Array<{ id: number }>)[0]?.id ?? 0) + 1;
  const userRows: unknown[][] = [];
  for (let i = 0; i < STUDENTS; i++) {
    const k = i % CLASSES;
    userRows.push([
      firstUserId + i,
      `B${String(i).padStart(6, '0')}`,
      usernameKey(`B${String(i).padStart(6, '0')}`),
      `学生${i}`,
      'student',
      (k % COLLEGES) + 1,
      k + 1,
      'bench-not-a-hash',
      0,
      0,
      0,
    ]);
  }
  await insertRows(
    pool,
    'user',
    [
      'id',
      'username',
      'username_key',
      'name',
      'role',
      'college_id',
      'class_id',
      'password_hash',
      'must_change_password',
      'token_version',
      'disabled',
    ],
    userRows,
  );

  const questions = await bank(pool);
  const entranceId = await insertExam(pool, '压测：入学第一考', 'entrance', now);
  const regularId = await insertExam(pool, '压测：期中反诈测验', 'regular', now);

  // Who sits what, in a shuffled order: 25,000 students take the 入学第一考 (20,000 of them twice:
  // 45,000 attempts) and 15,000 take the regular exam once.
  const order = Array.from({ length: STUDENTS }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const entranceTakers = Math.round((STUDENTS * 5) / 6);
  const twiceTakers = Math.round((STUDENTS * 4) / 6);
  const regularTakers = new Set(order.slice(Math.floor(STUDENTS / 2)));
  const sittings: Array<{ userIndex: number; examId: number; attemptNo: number; ability: number }> = [];
  order.forEach((i, rank) => {
    const ability = 0.45 + random() * 0.5;
    if (rank < entranceTakers) {
      const twice = rank < twiceTakers;
      sittings.push({ userIndex: i, examId: entranceId, attemptNo: 1, ability: twice ? ability - 0.3 : ability });
      if (twice)
        sittings.push({ userIndex: i, examId: entranceId, attemptNo: 2, ability: Math.min(0.98, ability + 0.1) });
    }
    if (regularTakers.has(i)) sittings.push({ userIndex: i, examId: regularId, attemptNo: 1, ability });
  });

  const attemptColumns = [
    'id',
    'exam_id',
    'user_id',
    'attempt_no',
    'started_at',
    'deadline',
    'submitted_at',
    'auto_submitted',
    'score',
    'passed',
    'leave_count',
    'fraud_tally',
  ];
  const answerColumns = [
    'attempt_id',
    'question_id',
    'question_version_id',
    'position',
    'option_order',
    'score',
    'answer_key',
    'answer',
    'saved_at',
    'awarded',
  ];
  let answers = 0;
  const BATCH = 2000;
  for (let start = 0; start < sittings.length; start += BATCH) {
    const attemptRows: unknown[][] = [];
    const answerRows: unknown[][] = [];
    sittings.slice(start, start + BATCH).forEach((s, offset) => {
      const id = start + offset + 1;
      // 1 in 200 attempts ran out of time and nobody submitted; 1 in 500 is being written now.
      const state = id % 500 === 7 ? 'writing' : id % 200 === 3 ? 'expired' : 'submitted';
      const startedAt = state === 'writing' ? now - 5 * MINUTE : now - (1 + random() * 30) * DAY;
      const deadline = startedAt + 30 * MINUTE;
      let score = 0;
      let position = 0;
      const tally: Array<{ fraudType: string; correct: boolean }> = [];
      for (const type of Object.keys(MARKS) as QType[]) {
        const candidates = questions[type];
        const chosen = new Set<number>();
        while (chosen.size < QUESTIONS_PER_TYPE) chosen.add(Math.floor(random() * candidates.length));
        for (const index of chosen) {
          const q = candidates[index]!;
          const roll = random();
          const answer =
            state === 'writing' && position > 10 ? null : roll < 0.04 ? null : roll < s.ability ? q.key : q.wrong;
          const awarded = answer === q.key ? MARKS[type] : 0;
          score += awarded;
          tally.push({ fraudType: q.fraudType, correct: awarded > 0 });
          answerRows.push([
            id,
            q.id,
            q.versionId,
            position,
            'ABCD',
            MARKS[type],
            q.key,
            answer,
            answer === null ? null : new Date(startedAt + MINUTE),
            state === 'submitted' ? awarded : null,
          ]);
          position += 1;
        }
      }
      const submitted = state === 'submitted';
      attemptRows.push([
        id,
        s.examId,
        firstUserId + s.userIndex,
        s.attemptNo,
        new Date(startedAt),
        new Date(deadline),
        submitted ? new Date(startedAt + (5 + random() * 24) * MINUTE) : null,
        0,
        submitted ? score : null,
        submitted ? (score >= PASS_SCORE ? 1 : 0) : null,
        0,
        // Written when an attempt is closed (AttemptService), as the server would have.
        submitted ? encodeFraudTally(tally) : null,
      ]);
    });
    await insertRows(pool, 'exam_attempt', attemptColumns, attemptRows);
    await insertRows(pool, 'attempt_question', answerColumns, answerRows, 6000);
    answers += answerRows.length;
  }

  await fillChannels(pool, firstUserId, now, years);
  return { entranceId, regularId, attempts: sittings.length, answers };
}

/** Course completions, letter confirmations, APP reports, 课前3分钟 deliveries (when installed). */
async function fillChannels(pool: Pool, firstUserId: number, now: number, years: number[]): Promise<void> {
  const yearOfUser = (i: number) => years[Math.floor((i % CLASSES) / COLLEGES) % years.length]!;
  const when = () => new Date(now - random() * 40 * DAY);
  if ((await tableExists(pool, 'course_completion')) && (await tableExists(pool, 'course'))) {
    const [courses] = await pool.query(
      `SELECT id FROM course WHERE required = 1 AND status = 'published' ORDER BY id LIMIT 1`,
    );
    const courseId = (courses as Array<{ id: number }>)[0]?.id;
    if (courseId !== undefined) {
      const rows = Array.from({ length: STUDENTS }, (_, i) => i)
        .filter(() => random() < 0.6)
        .map((i) => [firstUserId + i, courseId, when()]);
      await insertRows(pool, 'course_completion', ['user_id', 'course_id', 'completed_at'], rows);
    }
  }
  if ((await tableExists(pool, 'letter')) && (await tableExists(pool, 'letter_confirmation'))) {
    const [existing] = await pool.query('SELECT enrollment_year FROM letter');
    const have = new Set((existing as Array<{ enrollment_year: number }>).map((r) => r.enrollment_year));
    const missing = years
      .filter((y) => !have.has(y))
      .map((y) => [y, `致${y}级新生的一封信`, '<p>请警惕电信网络诈骗。</p>']);
    if (missing.length > 0) await insertRows(pool, 'letter', ['enrollment_year', 'title', 'html'], missing);
    const [letters] = await pool.query('SELECT id, enrollment_year FROM letter');
    const letterOf = new Map(
      (letters as Array<{ id: number; enrollment_year: number }>).map((r) => [r.enrollment_year, r.id]),
    );
    const rows = Array.from({ length: STUDENTS }, (_, i) => i)
      .filter(() => random() < 0.7)
      .map((i) => [firstUserId + i, letterOf.get(yearOfUser(i)), when()]);
    await insertRows(pool, 'letter_confirmation', ['user_id', 'letter_id', 'confirmed_at'], rows);
  }
  if (await tableExists(pool, 'anti_fraud_app_report')) {
    const rows = Array.from({ length: STUDENTS }, (_, i) => i)
      .filter(() => random() < 0.7)
      .map((i) => {
        const installed = random() < 0.93 ? 1 : 0;
        return [firstUserId + i, installed, installed, when()];
      });
    await insertRows(pool, 'anti_fraud_app_report', ['user_id', 'installed', 'registered', 'reported_at'], rows);
  }
  if (await tableExists(pool, 'prompt_delivery')) {
    const [prompts] = await pool.query('SELECT id FROM prompt ORDER BY id');
    const promptIds = (prompts as Array<{ id: number }>).map((r) => r.id);
    const [admins] = await pool.query(`SELECT id FROM user WHERE role = 'sysadmin' ORDER BY id LIMIT 1`);
    const teacherId = (admins as Array<{ id: number }>)[0]!.id;
    if (promptIds.length > 0) {
      const rows: unknown[][] = [];
      for (let k = 0; k < CLASSES; k++) {
        if (k % 10 === 9) continue; // one class in ten has heard none yet
        const count = 1 + Math.floor(random() * 8);
        for (let d = 0; d < count; d++)
          rows.push([pick(promptIds), k + 1, teacherId, new Date(now - random() * 56 * DAY)]);
      }
      await insertRows(pool, 'prompt_delivery', ['prompt_id', 'class_id', 'teacher_id', 'delivered_at'], rows);
    }
  }
}

interface Counted {
  people: number;
  participated: number;
  passed: number;
}

interface Recount {
  byCollege: Map<number, Counted>;
  byClass: Map<number, Counted>;
  /** Not passed, in the list's order (college, class name, 学号). */
  notPassed: string[];
  /** questionId → attempts and summed marks. */
  items: Map<number, { attempts: number; sum: number; maxMark: number }>;
  /** fraud type → answers and right answers, from the answers themselves (not the tallies). */
  fraudTypes: Map<string, { answered: number; correct: number }>;
}

/**
 * The figures again, the plain way: whether each student has a submitted / a passed attempt, and
 * the attempts past their deadline that nobody submitted scored one by one with the shared rule.
 */
async function recount(pool: Pool, examId: number): Promise<Recount> {
  const now = new Date();
  const [pendingRows] = await pool.query(
    `SELECT a.id, a.user_id, aq.question_id, aq.answer, aq.score, v.answer AS key_json, v.fraud_type
     FROM exam_attempt a JOIN attempt_question aq ON aq.attempt_id = a.id JOIN question_version v ON v.id = aq.question_version_id
     WHERE a.exam_id = ? AND a.submitted_at IS NULL AND a.deadline <= ?`,
    [examId, now],
  );
  const fraudTypes = new Map<string, { answered: number; correct: number }>();
  const addFraudType = (fraudType: string, answered: number, correct: number) => {
    const sum = fraudTypes.get(fraudType) ?? { answered: 0, correct: 0 };
    sum.answered += answered;
    sum.correct += correct;
    fraudTypes.set(fraudType, sum);
  };
  const pendingScore = new Map<number, number>();
  const pendingUser = new Map<number, number>();
  const items = new Map<number, { attempts: number; sum: number; maxMark: number }>();
  const addMark = (questionId: number, mark: number, maxMark: number, attempts = 1) => {
    const item = items.get(questionId) ?? { attempts: 0, sum: 0, maxMark: 0 };
    item.attempts += attempts;
    item.sum += mark;
    item.maxMark = Math.max(item.maxMark, maxMark);
    items.set(questionId, item);
  };
  for (const r of pendingRows as Array<{
    id: number;
    user_id: number;
    question_id: number;
    answer: string | null;
    score: number;
    key_json: string;
    fraud_type: string;
  }>) {
    const mark = scoreAnswer(r.answer ? r.answer.split('') : [], JSON.parse(r.key_json) as string[], r.score);
    addFraudType(r.fraud_type, 1, mark > 0 ? 1 : 0);
    pendingScore.set(r.id, (pendingScore.get(r.id) ?? 0) + mark);
    pendingUser.set(r.id, r.user_id);
    addMark(r.question_id, mark, r.score);
  }
  const tookPending = new Set(pendingUser.values());
  const passedPending = new Set(
    [...pendingScore]
      .filter(([, score]) => Math.round(score * 100) / 100 >= PASS_SCORE)
      .map(([id]) => pendingUser.get(id)!),
  );

  const [people] = await pool.query(
    `SELECT u.id, u.username, u.college_id, u.class_id,
       EXISTS (SELECT 1 FROM exam_attempt a WHERE a.user_id = u.id AND a.exam_id = ? AND a.submitted_at IS NOT NULL) AS took,
       EXISTS (SELECT 1 FROM exam_attempt a WHERE a.user_id = u.id AND a.exam_id = ? AND a.passed = 1) AS passed
     FROM user u JOIN school_class k ON k.id = u.class_id
     WHERE u.role = 'student' AND u.disabled = 0
     ORDER BY k.college_id, k.name, u.username`,
    [examId, examId],
  );
  const byCollege = new Map<number, Counted>();
  const byClass = new Map<number, Counted>();
  const notPassed: string[] = [];
  const count = (map: Map<number, Counted>, id: number, took: boolean, passed: boolean) => {
    const c = map.get(id) ?? { people: 0, participated: 0, passed: 0 };
    c.people += 1;
    c.participated += took ? 1 : 0;
    c.passed += passed ? 1 : 0;
    map.set(id, c);
  };
  for (const p of people as Array<{
    id: number;
    username: string;
    college_id: number;
    class_id: number;
    took: number;
    passed: number;
  }>) {
    const took = Number(p.took) === 1 || tookPending.has(p.id);
    const passed = Number(p.passed) === 1 || passedPending.has(p.id);
    count(byCollege, p.college_id, took, passed);
    count(byClass, p.class_id, took, passed);
    if (!passed) notPassed.push(p.username);
  }

  const [marks] = await pool.query(
    `SELECT aq.question_id, COUNT(*) AS n, SUM(aq.awarded) AS total, MAX(aq.score) AS max_mark
     FROM exam_attempt a JOIN attempt_question aq ON aq.attempt_id = a.id
     WHERE a.exam_id = ? AND a.submitted_at IS NOT NULL GROUP BY aq.question_id`,
    [examId],
  );
  for (const m of marks as Array<{ question_id: number; n: number; total: number; max_mark: number }>)
    addMark(m.question_id, Number(m.total), Number(m.max_mark), Number(m.n));
  const [byType] = await pool.query(
    `SELECT v.fraud_type, COUNT(*) AS n, SUM(CASE WHEN aq.awarded > 0 THEN 1 ELSE 0 END) AS correct
     FROM exam_attempt a JOIN user u ON u.id = a.user_id JOIN attempt_question aq ON aq.attempt_id = a.id
     JOIN question_version v ON v.id = aq.question_version_id
     WHERE a.exam_id = ? AND a.submitted_at IS NOT NULL AND u.role = 'student' AND u.disabled = 0
     GROUP BY v.fraud_type`,
    [examId],
  );
  for (const r of byType as Array<{ fraud_type: string; n: number; correct: number }>)
    addFraudType(r.fraud_type, Number(r.n), Number(r.correct));
  return { byCollege, byClass, notPassed, items, fraudTypes };
}

function sameCounts(
  label: string,
  rows: Array<{ id: number } & Counted>,
  expected: Map<number, Counted>,
  problems: string[],
): void {
  if (rows.length !== expected.size) problems.push(`${label}: ${rows.length} rows, recount ${expected.size}`);
  for (const row of rows) {
    const want = expected.get(row.id);
    if (!want || want.people !== row.people || want.participated !== row.participated || want.passed !== row.passed) {
      problems.push(
        `${label} ${row.id}: ${JSON.stringify({ people: row.people, participated: row.participated, passed: row.passed })} vs recount ${JSON.stringify(want)}`,
      );
    }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round = (n: number) => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  const started = Date.now();
  await recreateMysqlDatabase(DB_URL);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-stats-'));
  const config = new AppConfig({
    DATABASE_URL: DB_URL,
    DATA_DIR: dataDir,
    DEMO_DATA: 'false',
    SEED_CONTENT: 'true',
    LOG_LEVEL: 'silent',
  });
  log(
    `stats bench: ${STUDENTS} students, ${COLLEGES} colleges, ${CLASSES} classes into ${DB_URL.replace(/\/\/[^@]*@/, '//')}`,
  );
  await createSchema(config);

  // The app seeds the sysadmin and the starter content (question bank, prompts, course, letter).
  const app = await createApp(config, { logger: false });
  await app.init();
  // The timer that closes expired attempts is stopped: the statistics must count the attempts that
  // ran out of time and were never submitted by themselves, as they do in the seconds before it runs.
  app.get(AttemptFinalizer).onApplicationShutdown();
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();

  const pool = createPool({ uri: DB_URL, connectionLimit: 2, timezone: 'Z', dateStrings: false });
  const fillStarted = Date.now();
  const filled = await fill(pool, Date.now());
  await pool.query('ANALYZE TABLE user, school_class, exam_attempt, attempt_question, question_version');
  log(
    `  filled ${filled.attempts} attempts and ${filled.answers} answers in ${round((Date.now() - fillStarted) / 1000)} s`,
  );

  const login = await fastify.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: config.adminUsername, password: config.adminPassword },
  });
  const token = (JSON.parse(login.body) as { token: string }).token;
  const call = async <T>(method: 'GET' | 'POST', url: string): Promise<{ ms: number; body: T }> => {
    const t0 = performance.now();
    const res = await fastify.inject({ method, url, headers: { authorization: `Bearer ${token}` } });
    const ms = performance.now() - t0;
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return { ms, body: JSON.parse(res.body) as T };
  };
  const time = async <T>(
    url: string,
  ): Promise<{ medianMs: number; cold: number; min: number; max: number; body: T }> => {
    const cold = await call<T>('GET', url);
    const runs: number[] = [];
    let body = cold.body;
    for (let i = 0; i < RUNS; i++) {
      const run = await call<T>('GET', url);
      runs.push(run.ms);
      body = run.body;
    }
    return {
      medianMs: round(median(runs)),
      cold: round(cold.ms),
      min: round(Math.min(...runs)),
      max: round(Math.max(...runs)),
      body,
    };
  };

  const byCollege = await time<AwarenessReport>('/api/stats/awareness?groupBy=college');
  const byClass = await time<AwarenessReport>('/api/stats/awareness?groupBy=class');
  const notPassed = await time<Page<NotPassedPerson>>('/api/stats/not-passed?page=1&pageSize=20');
  const items = await time<ItemStatisticsRow[]>(`/api/stats/items?examId=${filled.entranceId}`);
  const fraudTypes = await time<FraudTypeReport>('/api/stats/fraud-types');
  const trend = await time<unknown>('/api/stats/trend?weeks=8');
  const notReached = await time<unknown>('/api/stats/not-reached?page=1&pageSize=20');
  // Generated three times (each a stored temporary report); the median is reported.
  const generations: Array<{ ms: number; body: WeeklyReportDto }> = [];
  for (let i = 0; i < 3; i++) generations.push(await call<WeeklyReportDto>('POST', '/api/weekly-reports'));
  const generated = generations[generations.length - 1]!;
  const generationMs = round(median(generations.map((g) => g.ms)));
  // Compared as stored: read back from the database, and exported.
  const report = await call<WeeklyReportDto>('GET', `/api/weekly-reports/${generated.body.id}`);
  const exported = await fastify.inject({
    method: 'GET',
    url: `/api/weekly-reports/${generated.body.id}/export`,
    headers: { authorization: `Bearer ${token}` },
  });
  if (exported.statusCode !== 200) throw new Error(`weekly report export: ${exported.statusCode}`);

  const expected = await recount(pool, filled.entranceId);
  const problems: string[] = [];
  sameCounts('college', byCollege.body.rows, expected.byCollege, problems);
  sameCounts('class', byClass.body.rows, expected.byClass, problems);
  sameCounts('report college', report.body.content.colleges, expected.byCollege, problems);
  sameCounts('report class', report.body.content.classes, expected.byClass, problems);
  const totalNotPassed = expected.notPassed.length;
  if (notPassed.body.total !== totalNotPassed)
    problems.push(`not-passed total ${notPassed.body.total}, recount ${totalNotPassed}`);
  const firstPage = notPassed.body.items.map((p) => p.username).join(',');
  if (firstPage !== expected.notPassed.slice(0, 20).join(','))
    problems.push(`not-passed first page differs from the recount's`);
  if (items.body.length !== expected.items.size)
    problems.push(`items: ${items.body.length} questions, recount ${expected.items.size}`);
  for (const item of items.body) {
    const want = expected.items.get(item.questionId);
    const facility = want ? want.sum / want.attempts / want.maxMark : NaN;
    if (!want || want.attempts !== item.attempts || Math.abs((item.facility ?? NaN) - facility) > 1e-9)
      problems.push(`item ${item.questionId}: ${item.attempts}/${item.facility} vs ${want?.attempts}/${facility}`);
  }
  for (const rate of fraudTypes.body.total) {
    const want = expected.fraudTypes.get(rate.fraudType) ?? { answered: 0, correct: 0 };
    if (want.answered !== rate.answered || want.correct !== rate.correct)
      problems.push(
        `weak spots ${rate.fraudType}: ${rate.answered}/${rate.correct} vs recount ${want.answered}/${want.correct}`,
      );
  }
  const reportTypes = JSON.stringify(report.body.content.fraudTypes);
  if (reportTypes !== JSON.stringify(fraudTypes.body.total))
    problems.push('weekly report weak spots differ from the page');
  const matchesRecount = problems.length === 0;

  await pool.end();
  await app.close();

  const total = byCollege.body.total;
  log(
    `  school: ${total.people} people, ${total.participated} took part, ${total.passed} passed (知晓率 ${(total.awarenessRate * 100).toFixed(1)} %), coverage ${(total.coverageRate * 100).toFixed(1)} %`,
  );
  log(`  timings (ms, median of ${RUNS} after one cold run; min–max):`);
  const rows = [
    ['awareness by college', byCollege],
    ['awareness by class (600 rows)', byClass],
    ['not-passed, first page', notPassed],
    ['item analysis, 入学第一考', items],
    ['weak spots by fraud type', fraudTypes],
    ['untargeted: trend, 8 Fridays + now', trend],
    ['untargeted: not-reached, first page', notReached],
  ] as const;
  for (const [name, r] of rows)
    log(`    ${name.padEnd(38)} ${String(r.medianMs).padStart(7)}   cold ${r.cold}, ${r.min}–${r.max}`);
  log(
    `    weekly report generation (median of 3)  ${String(generationMs).padStart(7)}   ${generations.map((g) => round(g.ms)).join(', ')}`,
  );
  log(`  figures equal the SQL recount: ${matchesRecount ? 'yes' : `NO\n    ${problems.slice(0, 10).join('\n    ')}`}`);
  log(`  whole run ${round((Date.now() - started) / 1000)} s`);
  if (JSON_OUT) {
    console.log(
      JSON.stringify({
        awarenessByCollege: { medianMs: byCollege.medianMs },
        awarenessByClass: { medianMs: byClass.medianMs },
        notPassed: { medianMs: notPassed.medianMs },
        items: { medianMs: items.medianMs },
        fraudTypes: { medianMs: fraudTypes.medianMs, targetMs: 300 },
        weeklyReportGeneration: { medianMs: generationMs, targetMs: 1000 },
        trend: { medianMs: trend.medianMs },
        notReached: { medianMs: notReached.medianMs },
        matchesRecount,
      }),
    );
  }
  if (!matchesRecount) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
