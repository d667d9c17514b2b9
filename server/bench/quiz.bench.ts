/**
 * pnpm bench:quiz [--classes 200] [--class-size 50] [--seconds 30] [--exam-students 2000]
 *                 [--exam-think 2-6] [--window-seconds 20] [--arrival-seconds 15] [--phone-connections 2000] [--json]
 *                 [--server-cpu-prof FILE.cpuprofile]
 *
 * 课堂快问 at the same bell across a whole school, while an exam is being sat (issue 17). Against
 * MariaDB, load generator on the same machine:
 * - an exam runs all along: E students (default 2,000) who have started the 入学第一考 each save an
 *   answer, think 2–6 s, save the next (open loop, each on a connection of their own, on a thread of
 *   their own: see lib/exam-answering.ts);
 * - after a window of that alone, at "the bell", each of C teachers (default 200) starts a 快问 for
 *   their class with a 30 s countdown and opens the projector's event stream;
 * - each class's students (default 50) arrive within 15 s (--arrival-seconds) as phones do: join by code, open the
 *   phone's event stream (retrying a refusal as the page does: after 2, 5, then 10 s), answer once
 *   from 3 s after the start until 5 s before the end; 1 in 50 taps twice, another 1 in 50 answers only after the countdown; when no
 *   result has come by stream 1.5 s after the countdown, the phone asks for it (the page's fallback);
 *   the page keeps its stream after the result until the student leaves it: 5–60 s here;
 * - then another window of the exam alone.
 * It reports the exam's save latency before, during and after the 快问 (p50/p95/p99), how fresh the
 * projectors were (how long after an answer was acknowledged its projector showed it), the answer and join latencies, and checks
 * that every acknowledged answer is stored exactly once, every double tap and late answer refused,
 * every projector's final count equal to its class's acknowledged answers, and every exam answer
 * stored. The class students sign in with a cheap scrypt hash (N=1024): signing in is what
 * bench:examday measures, not this. The last line is JSON with --json. BENCH_DATABASE_URL (default
 * mysql://root@127.0.0.1:3306/campus_quiz) is emptied first.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createPool, type RowDataPacket } from 'mysql2/promise';
import type { QuickQuestionDto, QuickQuizRoundDto, QuickQuizStudentDto } from '@campus/shared';
import { recreateMysqlDatabase } from '../src/database/mysql-admin';
import { EventStreamClient } from '../test/support/event-stream-client';
import {
  adminLogin,
  adminRequest,
  importRoster,
  percentiles,
  publishEntranceExam,
  rssMb,
  scryptHash,
  startBenchServer,
  verifyExamAnswers,
  waitForHealth,
} from './lib/bench-server';
import type { PaperQuestion } from './lib/paper';
import { startExamAnswering, type ExamSave, type ExamSession } from './lib/exam-answering';
import { Client, round, runClosedLoop, type Outcome } from './lib/load';

const ARGS = process.argv.slice(2);
function arg(name: string, fallback: string): string {
  const i = ARGS.indexOf(`--${name}`);
  return i >= 0 ? (ARGS[i + 1] ?? fallback) : fallback;
}

const CLASSES = Number(arg('classes', '200'));
const CLASS_SIZE = Number(arg('class-size', '50'));
const COUNTDOWN_S = Number(arg('seconds', '30'));
const EXAM_STUDENTS = Number(arg('exam-students', '2000'));
const [THINK_MIN_S, THINK_MAX_S] = arg('exam-think', '2-6').split('-').map(Number) as [number, number];
const WINDOW_S = Number(arg('window-seconds', '20'));
/**
 * Connections the phones' and projectors' ordinary requests share, as through nginx, whose pool of
 * upstream connections carries them in production; each event stream holds a connection of its
 * own, as it does behind nginx too. (One connection per phone as well would need 20,000 sockets on
 * each side, over this machine's limit of open files.)
 */
const PHONE_CONNECTIONS = Number(arg('phone-connections', '2000'));
/** Phones arrive (join by code) over this many seconds after the start: a class taking out its phones. */
const ARRIVAL_S = Number(arg('arrival-seconds', '15'));
const JSON_OUT = ARGS.includes('--json');
/** Writes a V8 CPU profile of the server (summarise it with bench/lib/cpu-profile-summary.ts). */
const CPU_PROFILE = arg('server-cpu-prof', '');
const DB_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/campus_quiz';
const API_PORT = Number(process.env.BENCH_PORT ?? 3414);
const PASSWORD = 'Bench2026pw';
const EXAM_YEAR = 2026;
const CLASS_YEAR = 2025;
/** The phone page's stream retry schedule (web/src/composables/use-event-stream.ts). */
const STREAM_RETRY_MS = [2000, 5000, 10_000];
/**
 * How long a phone keeps its stream once it has the result: the page keeps it open until the student
 * leaves it (web/src/views/quiz/QuickQuizView.vue), so a class's streams end over the following
 * minute, not all in the second of the reveal.
 */
const RESULT_READING_MS = [5_000, 60_000] as const;
const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (min: number, max: number) => min + Math.random() * (max - min);
const url = (path: string) => `http://127.0.0.1:${API_PORT}${path}`;

let refusals = 0;

/** Phones still showing their result, and when each leaves the page. */
const reading = new Map<EventStreamClient, NodeJS.Timeout>();
function leaveLater(stream: EventStreamClient): void {
  const timer = setTimeout(
    () => {
      reading.delete(stream);
      stream.close();
    },
    between(...RESULT_READING_MS),
  );
  reading.set(stream, timer);
}
function leaveAll(): void {
  for (const [stream, timer] of reading) {
    clearTimeout(timer);
    stream.close();
  }
  reading.clear();
}

/** A request that a refusal at the door (503/429 + Retry-After) only delays, as a phone's client would. */
async function persist(client: Client, method: string, path: string, token: string, body?: unknown): Promise<Outcome> {
  for (;;) {
    const res = await client.request(method, path, token, body, 30_000);
    if ((res.status === 503 || res.status === 429) && res.retryAfter) {
      refusals++;
      await sleep((res.retryAfterSeconds ?? 1) * 1000);
      continue;
    }
    return res;
  }
}

/** CPU time the process has used, all threads (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Requests and database statements so far, per route (the server's own counts in /metrics). */
async function routeCounts(): Promise<{ requests: Map<string, number>; statements: Map<string, number> }> {
  const text = await (await fetch(url('/metrics'))).text();
  const requests = new Map<string, number>();
  const statements = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(http_request_duration_seconds_count|db_statements_total)\{(.*)\} (\d+(?:\.\d+)?)$/.exec(line);
    if (!m) continue;
    const method = /method="([^"]+)"/.exec(m[2]!)?.[1];
    const route = /route="([^"]+)"/.exec(m[2]!)?.[1];
    const key = `${method} ${route}`;
    const into = m[1] === 'db_statements_total' ? statements : requests;
    into.set(key, (into.get(key) ?? 0) + Number(m[3]));
  }
  return { requests, statements };
}

/** MariaDB's process when it runs on this machine (its CPU is part of what the bench measures). */
function localDatabasePid(): number | null {
  try {
    const pid = execFileSync('pidof', ['mariadbd', 'mysqld'], { encoding: 'utf8' }).trim().split(' ')[0];
    return pid ? Number(pid) : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- set-up

interface ClassPlan {
  index: number;
  className: string;
  teacher: string;
  students: string[];
}

function plan(): { classes: ClassPlan[]; examStudents: string[]; roster: string[] } {
  const roster = ['学号/工号,姓名,身份,学院,班级,入学年份,授课班级'];
  const classes: ClassPlan[] = [];
  for (let c = 0; c < CLASSES; c++) {
    const college = `快问第${(c % 10) + 1}学院`;
    const className = `快问${CLASS_YEAR}-${c + 1}班`;
    const students = Array.from({ length: CLASS_SIZE }, (_, s) => `Q${String(c * CLASS_SIZE + s).padStart(6, '0')}`);
    for (const username of students)
      roster.push(`${username},学生${username},学生,${college},${className},${CLASS_YEAR},`);
    const teacher = `QT${String(c).padStart(4, '0')}`;
    roster.push(`${teacher},教师${c + 1},教师,${college},,,${className}`);
    classes.push({ index: c, className, teacher, students });
  }
  const examStudents = Array.from({ length: EXAM_STUDENTS }, (_, i) => `E${String(i).padStart(6, '0')}`);
  for (const [i, username] of examStudents.entries())
    roster.push(`${username},考生${i},学生,第${(i % 12) + 1}学院,第${(i % 12) + 1}学院${i % 40}班,${EXAM_YEAR},`);
  return { classes, examStudents, roster };
}

/** A shipped prompt that carries a 快问 question, and that question. */
async function quickQuestion(token: string): Promise<{ promptId: number; question: QuickQuestionDto }> {
  const page = (await adminRequest(API_PORT, token, 'GET', '/api/prompts?pageSize=100')) as {
    items: Array<{ id: number }>;
  };
  for (const prompt of page.items) {
    const questions = (await adminRequest(
      API_PORT,
      token,
      'GET',
      `/api/prompts/${prompt.id}/quick-questions`,
    )) as QuickQuestionDto[];
    if (questions[0]) return { promptId: prompt.id, question: questions[0] };
  }
  throw new Error('no shipped prompt carries a 快问 question');
}

async function signIn(usernames: string[]): Promise<Map<string, string>> {
  const client = new Client(API_PORT, 32);
  const tokens = new Map<string, string>();
  await runClosedLoop(usernames, 32, async (username) => {
    const res = await persist(client, 'POST', '/api/auth/login', '', { username, password: PASSWORD });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.body}`);
    tokens.set(username, (JSON.parse(res.body) as { token: string }).token);
    return res.ms;
  });
  client.close();
  return tokens;
}

// ---------------------------------------------------------------- the exam alongside

// ---------------------------------------------------------------- the 快问

interface ClassOutcome {
  roundId: number;
  /** performance.now() of each acknowledged answer. */
  acks: number[];
  /** (user id) → the answer the server acknowledged. */
  answers: Map<number, string>;
  /** The projector's stream, once it opened (null while refused). */
  projector: EventStreamClient | null;
  closesAt: number;
}

interface QuizTally {
  start: number[];
  join: number[];
  answer: number[];
  doubleTapsRefused: number;
  doubleTapsCounted: number;
  lateRefused: number;
  lateCounted: number;
  errors: Map<string, number>;
  streamRefusals: number;
  projectorRefusals: number;
  resultByStream: number;
  resultByFallback: number;
  noResult: number;
}

function countError(tally: QuizTally, what: string): void {
  tally.errors.set(what, (tally.errors.get(what) ?? 0) + 1);
}

/**
 * An event stream as the pages keep it (use-event-stream.ts): a refusal is retried after 2, 5, then
 * 10 s. `refused` hears each failed attempt's status (0: the connection failed).
 */
async function pageStream(
  roundId: number,
  token: string,
  until: number,
  refused: (status: number) => void,
  query = '',
) {
  for (let failures = 0; performance.now() < until; failures++) {
    const stream = await EventStreamClient.open(url(`/api/quick-quiz/rounds/${roundId}/events${query}`), token).catch(
      () => null,
    );
    if (stream?.status === 200) return stream;
    stream?.close();
    refused(stream?.status ?? 0);
    await sleep(STREAM_RETRY_MS[Math.min(failures, STREAM_RETRY_MS.length - 1)]!);
  }
  return null;
}

async function phone(
  client: Client,
  outcome: ClassOutcome,
  joinCode: string,
  token: string,
  userId: number,
  seat: number,
  tally: QuizTally,
  startedAt: number,
): Promise<void> {
  {
    await sleep(between(0, ARRIVAL_S * 1000));
    const joined = await persist(client, 'POST', '/api/quick-quiz/join', token, { code: joinCode });
    if (joined.status !== 200) return countError(tally, `join ${joined.status}`);
    tally.join.push(joined.ms);
    const view = JSON.parse(joined.body) as QuickQuizStudentDto;
    const streamPromise = pageStream(view.id, token, outcome.closesAt + 5000, (status) => {
      tally.streamRefusals++;
      if (status !== 503) countError(tally, `phone stream ${status || 'network'}`);
    });

    const late = seat % 50 === 49;
    const answerAt = late
      ? outcome.closesAt + 1500
      : Math.max(performance.now() + 2000, startedAt + between(3000, (COUNTDOWN_S - 5) * 1000));
    await sleep(Math.max(0, answerAt - performance.now()));
    const key = view.question.options[seat % view.question.options.length]!.key;
    const path = `/api/quick-quiz/rounds/${view.id}/answer`;
    const answered = await persist(client, 'POST', path, token, { answer: [key] });
    if (late) {
      if (answered.status === 409) tally.lateRefused++;
      else if (answered.status === 200) tally.lateCounted++;
      else countError(tally, `late answer ${answered.status}`);
    } else if (answered.status === 200) {
      tally.answer.push(answered.ms);
      outcome.acks.push(performance.now());
      outcome.answers.set(userId, key);
      if (seat % 50 === 7) {
        const again = await persist(client, 'POST', path, token, { answer: [key] });
        if (again.status === 409) tally.doubleTapsRefused++;
        else if (again.status === 200) tally.doubleTapsCounted++;
        else countError(tally, `double tap ${again.status}`);
      }
    } else countError(tally, `answer ${answered.status}`);

    // The result: by stream, or the page asks 1.5 s after its countdown reached zero.
    const stream = await streamPromise;
    const revealed = (s: QuickQuizStudentDto) => s.reveal !== null;
    let byStream = false;
    if (stream) {
      const wait = Math.max(0, outcome.closesAt + 1500 - performance.now());
      byStream = await stream.next<QuickQuizStudentDto>('round', revealed, wait).then(
        () => true,
        () => false,
      );
      leaveLater(stream);
    }
    if (byStream) tally.resultByStream++;
    else {
      await sleep(Math.max(0, outcome.closesAt + 1500 - performance.now()));
      const mine = await persist(client, 'GET', `/api/quick-quiz/rounds/${view.id}/mine`, token);
      if (mine.status === 200 && revealed(JSON.parse(mine.body) as QuickQuizStudentDto)) tally.resultByFallback++;
      else tally.noResult++;
    }
  }
}

/**
 * How fresh the projectors were: for the k-th acknowledged answer of a class, the time until that
 * class's projector first showed at least k answers (the screen is told of a change within its
 * one-second tick, and of nothing when nothing changed); and how many updates a projector got per
 * second while its round was open.
 */
function freshness(outcomes: ClassOutcome[]): { shownAfter: number[]; updatesPerSecond: number } {
  const shownAfter: number[] = [];
  let updates = 0;
  let openSeconds = 0;
  for (const o of outcomes) {
    const events = (o.projector?.events ?? [])
      .filter((e) => e.event === 'round')
      .map((e) => ({ at: e.at, dto: JSON.parse(e.data) as QuickQuizRoundDto }));
    const acks = [...o.acks].sort((a, b) => a - b);
    for (const [k, ack] of acks.entries()) {
      const shown = events.find((e) => e.dto.counts.answered >= k + 1);
      shownAfter.push(shown ? Math.max(0, shown.at - ack) : Number.POSITIVE_INFINITY);
    }
    const open = events.filter((e) => e.dto.phase === 'open');
    updates += open.length;
    if (open.length > 1) openSeconds += (open.at(-1)!.at - open[0]!.at) / 1000;
  }
  return { shownAfter, updatesPerSecond: round(updates / Math.max(1, openSeconds)) };
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  log(
    `bench:quiz — ${CLASSES} classes × ${CLASS_SIZE} students, ${COUNTDOWN_S} s countdown, beside an exam of ${EXAM_STUDENTS} students (think ${THINK_MIN_S}–${THINK_MAX_S} s); MariaDB ${DB_URL.replace(/\/\/[^@]*@/, '//')}`,
  );
  await recreateMysqlDatabase(DB_URL);
  const server = startBenchServer({
    port: API_PORT,
    databaseUrl: DB_URL,
    authSecret: randomBytes(32).toString('base64url'),
    cpuProfile: CPU_PROFILE || undefined,
  });
  const db = createPool({ uri: DB_URL, connectionLimit: 4, timezone: 'Z' });
  let peakRss = 0;
  const sampler = setInterval(() => {
    try {
      peakRss = Math.max(peakRss, rssMb(server.pid!));
    } catch {
      // a moment without a free file descriptor: the next sample will do
    }
  }, 1000);
  try {
    await waitForHealth(API_PORT);
    const admin = await adminLogin(API_PORT);
    const { classes, examStudents, roster } = plan();
    await importRoster(API_PORT, admin, roster);
    await db.query('UPDATE user SET password_hash = ?, must_change_password = 0 WHERE role IN (?, ?)', [
      scryptHash(PASSWORD, 1024),
      'student',
      'teacher',
    ]);
    const examId = await publishEntranceExam(API_PORT, admin, {
      enrollmentYears: [EXAM_YEAR],
      durationMinutes: 120,
      maxAttempts: 0,
    });
    const { promptId, question } = await quickQuestion(admin);
    const [classRows] = await db.query<RowDataPacket[]>('SELECT id, name FROM school_class');
    const classIds = new Map(classRows.map((r) => [String(r.name), Number(r.id)]));
    const [userRows] = await db.query<RowDataPacket[]>('SELECT id, username FROM user');
    const userIds = new Map(userRows.map((r) => [String(r.username), Number(r.id)]));

    const everyone = [...examStudents, ...classes.flatMap((c) => [c.teacher, ...c.students])];
    const signInStarted = performance.now();
    const tokens = await signIn(everyone);
    log(`  set-up   ${everyone.length} signed in in ${round((performance.now() - signInStarted) / 1000)} s`);

    // The exam: every exam student starts, then answers on and on.
    const starter = new Client(API_PORT, 32);
    const sessions: ExamSession[] = [];
    await runClosedLoop(examStudents, 32, async (username) => {
      const token = tokens.get(username)!;
      const res = await persist(starter, 'POST', `/api/exams/${examId}/attempts`, token);
      if (res.status !== 200) throw new Error(`start ${username}: ${res.status} ${res.body}`);
      sessions.push({ token, ...(JSON.parse(res.body) as { attemptId: number; questions: PaperQuestion[] }) });
      return res.ms;
    });
    starter.close();
    const exam = startExamAnswering({ port: API_PORT, sessions, thinkMinS: THINK_MIN_S, thinkMaxS: THINK_MAX_S });
    await sleep(THINK_MAX_S * 1000); // every exam student has begun
    const beforeFrom = performance.now();
    await sleep(WINDOW_S * 1000);

    // The bell.
    if (CPU_PROFILE) {
      rmSync(CPU_PROFILE, { force: true });
      server.kill('SIGWINCH');
    }
    const countsAtBell = await routeCounts();
    const serverCpuAtBell = cpuSeconds(server.pid!);
    const databasePid = localDatabasePid();
    const databaseCpuAtBell = databasePid ? cpuSeconds(databasePid) : 0;
    const generatorCpuAtBell = process.cpuUsage();
    const bell = performance.now();
    const tally: QuizTally = {
      start: [],
      join: [],
      answer: [],
      doubleTapsRefused: 0,
      doubleTapsCounted: 0,
      lateRefused: 0,
      lateCounted: 0,
      errors: new Map(),
      streamRefusals: 0,
      projectorRefusals: 0,
      resultByStream: 0,
      resultByFallback: 0,
      noResult: 0,
    };
    const outcomes: ClassOutcome[] = [];
    const phones = new Client(API_PORT, PHONE_CONNECTIONS);
    await Promise.all(
      classes.map(async (c) => {
        await sleep(between(0, 1000));
        const token = tokens.get(c.teacher)!;
        const started = await persist(phones, 'POST', '/api/quick-quiz/rounds', token, {
          promptId,
          questionId: question.questionId,
          classId: classIds.get(c.className)!,
          seconds: COUNTDOWN_S,
        });
        if (started.status !== 201 && started.status !== 200)
          throw new Error(`start round ${c.className}: ${started.status} ${started.body}`);
        tally.start.push(started.ms);
        const startedAt = performance.now();
        const dto = JSON.parse(started.body) as QuickQuizRoundDto;
        const closesAt = startedAt + (Date.parse(dto.closesAt) - Date.parse(dto.serverNow));
        const outcome: ClassOutcome = { roundId: dto.id, acks: [], answers: new Map(), projector: null, closesAt };
        outcomes.push(outcome);
        // The projector opens its stream as the phones arrive, and keeps it until the reveal.
        const projector = pageStream(
          dto.id,
          token,
          closesAt,
          (status) => {
            tally.projectorRefusals++;
            countError(tally, `projector stream ${status || 'network'}`);
          },
          '?view=projector',
        ).then(async (stream) => {
          outcome.projector = stream;
          await stream?.next<QuickQuizRoundDto>(
            'round',
            (r) => r.reveal !== null,
            closesAt + 15_000 - performance.now(),
          );
        });
        await Promise.all([
          projector.catch(() => undefined),
          ...c.students.map((username, seat) =>
            phone(phones, outcome, dto.joinCode, tokens.get(username)!, userIds.get(username)!, seat, tally, startedAt),
          ),
        ]);
      }),
    );
    const quizEnded = performance.now();
    phones.close();
    const countsAfter = await routeCounts();
    const statementsPerRequest = Object.fromEntries(
      [...countsAfter.requests]
        .filter(([route]) => route.includes('quick-quiz') || route.includes('/answers/'))
        .map(([route, n]) => {
          const requests = n - (countsAtBell.requests.get(route) ?? 0);
          const statements = (countsAfter.statements.get(route) ?? 0) - (countsAtBell.statements.get(route) ?? 0);
          return [route, { requests, statements: round(statements / Math.max(1, requests)) }];
        }),
    );
    const cpuDuringQuiz = {
      serverSeconds: round(cpuSeconds(server.pid!) - serverCpuAtBell),
      databaseSeconds: databasePid ? round(cpuSeconds(databasePid) - databaseCpuAtBell) : null,
      generatorSeconds: round(
        (process.cpuUsage(generatorCpuAtBell).user + process.cpuUsage(generatorCpuAtBell).system) / 1e6,
      ),
    };
    if (CPU_PROFILE) {
      server.kill('SIGWINCH');
      for (let i = 0; i < 100 && !existsSync(CPU_PROFILE); i++) await sleep(200);
      log(`  server CPU profile: ${CPU_PROFILE}`);
    }
    await sleep(WINDOW_S * 1000);
    const afterTo = performance.now();
    const { saves: examSaves, acknowledged: examAcknowledged } = await exam.stop();
    leaveAll();
    clearInterval(sampler);

    // Every acknowledged answer stored once, nothing else stored.
    const [responses] = await db.query<RowDataPacket[]>(
      `SELECT round_id AS roundId, user_id AS userId, answer FROM quiz_response WHERE answer IS NOT NULL`,
    );
    const stored = new Map(responses.map((r) => [`${Number(r.roundId)}:${Number(r.userId)}`, String(r.answer)]));
    let acknowledged = 0;
    let missing = 0;
    for (const o of outcomes)
      for (const [userId, key] of o.answers) {
        acknowledged++;
        if (stored.get(`${o.roundId}:${userId}`) !== key) missing++;
      }
    const projectorsRight = outcomes.filter((o) => {
      const last = o.projector?.events.filter((e) => e.event === 'round').at(-1);
      const dto = last ? (JSON.parse(last.data) as QuickQuizRoundDto) : null;
      return dto?.reveal !== null && dto?.counts.answered === o.answers.size;
    }).length;
    for (const o of outcomes) o.projector?.close();
    const metricsText = await (await fetch(url('/metrics'))).text();
    const refusedByLane = metricsText
      .split('\n')
      .filter((line) => line.startsWith('admission_refused_total'))
      .join('; ');
    const metric = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(metricsText)?.[1] ?? 0);
    const hotStatements = {
      statements: metric('db_hot_statements_total'),
      roundTrips: metric('db_hot_round_trips_total'),
    };
    const examStored = await verifyExamAnswers(DB_URL, examId, examAcknowledged);

    const window = (from: number, to: number) => examSaves.filter((s) => s.at >= from && s.at < to);
    const summary = (saves: ExamSave[], seconds: number) => ({
      ...percentiles(saves.map((s) => s.ms)),
      perSecond: Math.round(saves.length / seconds),
      errors: saves.filter((s) => s.status !== 204).length,
    });
    const before = summary(window(beforeFrom, bell), (bell - beforeFrom) / 1000);
    const during = summary(window(bell, quizEnded), (quizEnded - bell) / 1000);
    const after = summary(window(quizEnded, afterTo), (afterTo - quizEnded) / 1000);
    // Where in the bell the slow saves were: the seconds (counted from the bell) with the slowest save.
    const bySecond = new Map<number, number[]>();
    for (const s of window(bell, quizEnded)) {
      const second = Math.floor((s.at - bell) / 1000);
      bySecond.set(second, [...(bySecond.get(second) ?? []), s.ms]);
    }
    const slowestSeconds = [...bySecond]
      .map(([second, ms]) => ({ second, saves: ms.length, p99: percentiles(ms).p99, max: round(Math.max(...ms)) }))
      .sort((a, b) => b.max - a.max)
      .slice(0, 6);
    const fresh = freshness(outcomes);
    const result = {
      classes: CLASSES,
      classSize: CLASS_SIZE,
      countdownSeconds: COUNTDOWN_S,
      examStudents: EXAM_STUDENTS,
      quizSeconds: round((quizEnded - bell) / 1000),
      rounds: outcomes.length,
      startMs: percentiles(tally.start),
      joinMs: percentiles(tally.join),
      answerMs: percentiles(tally.answer),
      answers: {
        acknowledged,
        stored: stored.size,
        missing,
        doubleTapsRefused: tally.doubleTapsRefused,
        doubleTapsCounted: tally.doubleTapsCounted,
        lateRefused: tally.lateRefused,
        lateCounted: tally.lateCounted,
      },
      errors: Object.fromEntries(tally.errors),
      /** Quick-quiz requests refused at the door (503/429) and retried after Retry-After. */
      refusedAndRetried: refusals,
      projector: {
        rightAtTheEnd: projectorsRight,
        neverOpened: outcomes.filter((o) => !o.projector).length,
        streamRefusals: tally.projectorRefusals,
        shownAfterMs: percentiles(fresh.shownAfter),
        updatesPerSecond: fresh.updatesPerSecond,
      },
      phones: {
        streamRefusals: tally.streamRefusals,
        resultByStream: tally.resultByStream,
        resultByFallback: tally.resultByFallback,
        noResult: tally.noResult,
      },
      examSave: { before, during, after, slowestSeconds },
      examAnswers: { acknowledged: examAcknowledged.size, ...examStored },
      serverPeakRssMb: peakRss,
      cpuDuringQuiz,
      statementsPerRequest,
      /** Hot statements (saves, joins, answers, account reads) sent during the whole bench, and their round trips. */
      hotStatements,
    };
    const p = (s: { p50: number; p95: number; p99: number; perSecond: number }) =>
      `${s.perSecond}/s p50 ${s.p50} p95 ${s.p95} p99 ${s.p99} ms`;
    log(`  rounds   ${outcomes.length} started: start p99 ${result.startMs.p99} ms; join p99 ${result.joinMs.p99} ms`);
    log(
      `  answers  ${acknowledged} acknowledged (p50 ${result.answerMs.p50}, p99 ${result.answerMs.p99} ms), ${stored.size} stored, ${missing} missing; double taps refused ${tally.doubleTapsRefused}, counted ${tally.doubleTapsCounted}; late refused ${tally.lateRefused}, counted ${tally.lateCounted}`,
    );
    log(
      `  projector ${projectorsRight}/${outcomes.length} right at the end (${tally.projectorRefusals} stream refusals); an answer shown after p50 ${result.projector.shownAfterMs.p50} / p99 ${result.projector.shownAfterMs.p99} / max ${result.projector.shownAfterMs.max} ms; ${fresh.updatesPerSecond} updates/s`,
    );
    log(
      `  phones   result by stream ${tally.resultByStream}, by asking ${tally.resultByFallback}, none ${tally.noResult}; stream refusals ${tally.streamRefusals}`,
    );
    log(`  exam save before ${p(before)} · during ${p(during)} · after ${p(after)}`);
    log(
      `  slowest seconds of the bell (from the bell; countdown ${COUNTDOWN_S} s): ${slowestSeconds
        .map((s) => `${s.second} s: ${s.saves} saves, p99 ${s.p99}, max ${s.max} ms`)
        .join(' · ')}`,
    );
    log(
      `  exam answers acknowledged ${examAcknowledged.size}, stored ${examStored.stored}, missing ${examStored.missing}; server peak RSS ${peakRss} MB; CPU during the 快问: server ${cpuDuringQuiz.serverSeconds} s, database ${cpuDuringQuiz.databaseSeconds ?? '?'} s, generator ${cpuDuringQuiz.generatorSeconds} s`,
    );
    if (tally.errors.size > 0) log(`  errors   ${JSON.stringify(result.errors)}`);
    log(`  statements per request ${JSON.stringify(statementsPerRequest)}`);
    log(
      `  hot statements ${hotStatements.statements} in ${hotStatements.roundTrips} round trips (${round(hotStatements.statements / Math.max(1, hotStatements.roundTrips))} a trip)`,
    );
    log(`  refused at the door: ${refusedByLane}; quick-quiz requests retried ${refusals}`);
    if (JSON_OUT) log(JSON.stringify(result));
  } finally {
    clearInterval(sampler);
    await db.end();
    server.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
