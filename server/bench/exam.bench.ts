/**
 * pnpm bench:exam [--students 2000] [--concurrency 64] [--storm-seconds 10] [--soak-minutes 0]
 *                 [--monitor-viewers 0] [--monitor-seconds 20] [--monitor-refresh-ms 5000] [--json]
 *                 [--server-cpu-prof FILE.cpuprofile]   (the server's CPU profile of the start phase)
 *
 * Exam day against MariaDB, load generator on the same machine: N students log in, start a
 * 30-question paper, save every answer and submit, each phase at the given concurrency. Beside it,
 * two baselines at the same concurrency: a bare node:http handler with the same token check and the
 * same save statement (the ceiling of an HTTP save here), and mysql2 alone running that statement
 * (the database's ceiling). With --soak-minutes N, saves then go on for N minutes while the
 * server's RSS is sampled (it must stay flat, with no error responses). With --monitor-viewers N,
 * saves run for --monitor-seconds (default 20) without, then with N admins following the live exam
 * monitor (server-sent events), then without again, and the save p99s are compared (issue 14 §1:
 * the monitor must not move it by more than 10 %). Then a login storm: logins offered at three times the measured login
 * rate while saves go on. BENCH_DATABASE_URL (default mysql://root@127.0.0.1:3306/campus_bench) is
 * emptied first.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createPool } from 'mysql2/promise';
import { recreateMysqlDatabase } from '../src/database/mysql-admin';
import { SAVE_ANSWER_SQL, saveAnswerParams } from '../src/modules/exams/attempt-sql';
import { EventStreamClient } from '../test/support/event-stream-client';
import {
  adminLogin,
  importRoster,
  publishEntranceExam,
  rssMb,
  scryptHash,
  startBenchServer,
  waitForHealth,
} from './lib/bench-server';
import { someAnswer, type PaperQuestion } from './lib/paper';
import { Client, runClosedLoop, summarise, type LatencySummary } from './lib/load';

const ARGS = process.argv.slice(2);
function arg(name: string, fallback: number): number {
  const i = ARGS.indexOf(`--${name}`);
  return i >= 0 ? Number(ARGS[i + 1]) : fallback;
}

const STUDENTS = arg('students', 2000);
const CPU_PROFILE = ARGS.includes('--server-cpu-prof') ? (ARGS[ARGS.indexOf('--server-cpu-prof') + 1] ?? '') : '';
/** The benched server's pool: its default (AppConfig), unless BENCH_SERVER_ENV sets another. */
const DB_POOL_SIZE = Number(/\bDB_POOL_SIZE=(\d+)/.exec(process.env.BENCH_SERVER_ENV ?? '')?.[1] ?? 40);
const CONCURRENCY = arg('concurrency', 64);
const STORM_SECONDS = arg('storm-seconds', 10);
/** Soak: keep saving for this many minutes and watch the server's memory (issue: flat RSS, no errors). */
const SOAK_MINUTES = arg('soak-minutes', 0);
const JSON_OUT = ARGS.includes('--json');
/** Admins following the live exam monitor while saves go on (0: the comparison is not run). */
const MONITOR_VIEWERS = arg('monitor-viewers', 0);
const MONITOR_SECONDS = arg('monitor-seconds', 20);
const MONITOR_REFRESH_MS = arg('monitor-refresh-ms', 5000);
const DB_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/campus_bench';
const API_PORT = 3411;
const BARE_PORT = 3412;
const PASSWORD = 'Bench2026pw';
const AUTH_SECRET = randomBytes(32).toString('base64url');
const log = (line: string) => console.log(line);

interface Session {
  token: string;
  userId: number;
  attemptId: number;
  questions: PaperQuestion[];
}

/** The students (one scrypt hash for all: they have already replaced their roster passwords) and a published exam. */
async function setUp(db: ReturnType<typeof createPool>): Promise<{ examId: number; adminToken: string }> {
  const adminToken = await adminLogin(API_PORT);
  const lines = ['学号/工号,姓名,身份,学院,班级,入学年份'];
  for (let i = 0; i < STUDENTS; i++)
    lines.push(
      `B${String(i).padStart(6, '0')},考生${i},学生,第${(i % 12) + 1}学院,第${(i % 12) + 1}学院${i % 600}班,2026`,
    );
  await importRoster(API_PORT, adminToken, lines);
  await db.query('UPDATE user SET password_hash = ?, must_change_password = 0 WHERE role = ?', [
    scryptHash(PASSWORD),
    'student',
  ]);
  const examId = await publishEntranceExam(API_PORT, adminToken, {
    enrollmentYears: [2026],
    durationMinutes: 120,
    maxAttempts: 0,
  });
  return { examId, adminToken };
}

function phase(name: string, result: { latencies: number[]; seconds: number }, errors: number): LatencySummary {
  const s = summarise(result.latencies, result.seconds);
  log(
    `  ${name.padEnd(8)} ${String(s.count).padStart(6)} req  ${String(s.rps).padStart(5)}/s  p50 ${s.p50} ms  p95 ${s.p95} ms  p99 ${s.p99} ms${errors ? `  (${errors} errors)` : ''}`,
  );
  return s;
}

async function main(): Promise<void> {
  log(`bench:exam — ${STUDENTS} students, concurrency ${CONCURRENCY}, MariaDB ${DB_URL.replace(/\/\/[^@]*@/, '//')}`);
  await recreateMysqlDatabase(DB_URL);
  const server = startBenchServer({
    port: API_PORT,
    databaseUrl: DB_URL,
    authSecret: AUTH_SECRET,
    nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean),
    env: { EXAM_MONITOR_REFRESH_MS: String(MONITOR_REFRESH_MS) },
    cpuProfile: CPU_PROFILE || undefined,
  });
  const children: ChildProcess[] = [server];
  const db = createPool({ uri: DB_URL, connectionLimit: 20, timezone: 'Z' });
  const client = new Client(API_PORT, CONCURRENCY);
  try {
    await waitForHealth(API_PORT);
    const { examId, adminToken } = await setUp(db);
    const usernames = Array.from({ length: STUDENTS }, (_, i) => `B${String(i).padStart(6, '0')}`);
    let errors = 0;

    // 1. Login: every student, at the given concurrency (the slow hash is the cost).
    const tokens = new Map<string, { token: string; userId: number }>();
    const login = phase(
      'login',
      await runClosedLoop(usernames, CONCURRENCY, async (username) => {
        let res = await client.request('POST', '/api/auth/login', null, { username, password: PASSWORD });
        // A refusal with Retry-After is the server protecting itself: a real client waits and retries.
        // On a crowded machine a slow hash can outlast the client's time-out: that is retried too.
        while (res.status === 503 || res.status === 429 || res.timedOut) {
          await new Promise((r) => setTimeout(r, 200));
          res = await client.request('POST', '/api/auth/login', null, { username, password: PASSWORD });
        }
        if (res.status !== 200) errors++;
        else {
          const body = JSON.parse(res.body) as { token: string; user: { id: number } };
          tokens.set(username, { token: body.token, userId: body.user.id });
        }
        return res.ms;
      }),
      errors,
    );

    // 2. Start (the part a CPU profile covers: SIGWINCH starts and stops it, see cpu-profile-preload).
    if (CPU_PROFILE) {
      rmSync(CPU_PROFILE, { force: true });
      server.kill('SIGWINCH');
    }
    errors = 0;
    const sessions: Session[] = [];
    const start = phase(
      'start',
      await runClosedLoop(usernames, CONCURRENCY, async (username) => {
        const auth = tokens.get(username);
        if (!auth) return 0; // its login failed (counted above)
        const res = await client.request('POST', `/api/exams/${examId}/attempts`, auth.token);
        if (res.status !== 200) errors++;
        else
          sessions.push({
            ...auth,
            ...(JSON.parse(res.body) as { attemptId: number; questions: Session['questions'] }),
          });
        return res.ms;
      }),
      errors,
    );

    if (CPU_PROFILE) {
      server.kill('SIGWINCH');
      for (let i = 0; i < 100 && !existsSync(CPU_PROFILE); i++) await new Promise((r) => setTimeout(r, 200));
      log(`  server CPU profile of the start phase: ${CPU_PROFILE}`);
    }

    // 3. Save every answer. Jobs interleave students so the database sees many attempts at once.
    const saves = sessions.flatMap((s, si) => s.questions.map((q, qi) => ({ s, q, answer: someAnswer(q, si + qi) })));
    const order = saves.map((_, i) => i).sort((a, b) => (a % 30) - (b % 30) || a - b);
    errors = 0;
    let acknowledged = 0;
    const save = phase(
      'save',
      await runClosedLoop(order, CONCURRENCY, async (i) => {
        const { s, q, answer } = saves[i]!;
        const res = await client.request('PUT', `/api/attempts/${s.attemptId}/answers/${q.id}`, s.token, { answer });
        if (res.status === 204) acknowledged++;
        else errors++;
        return res.ms;
      }),
      errors,
    );

    // 3b. Soak: the same saves for minutes on end, sampling the server's resident memory.
    let soak:
      | { minutes: number; saves: number; errors: number; rssStartMb: number; rssEndMb: number; rssMaxMb: number }
      | undefined;
    if (SOAK_MINUTES > 0) {
      const serverRss = () => rssMb(server.pid!);
      const rssStartMb = serverRss();
      let rssMaxMb = rssStartMb;
      let soakSaves = 0;
      let soakErrors = 0;
      const until = Date.now() + SOAK_MINUTES * 60_000;
      const sampler = setInterval(() => {
        const now = serverRss();
        rssMaxMb = Math.max(rssMaxMb, now);
        log(`  soak     ${Math.round((until - Date.now()) / 1000)} s left · ${soakSaves} saves · RSS ${now} MB`);
      }, 30_000);
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async (_, w) => {
          for (let k = w; Date.now() < until; k += CONCURRENCY) {
            const { s, q, answer } = saves[order[k % order.length]!]!;
            const res = await client.request('PUT', `/api/attempts/${s.attemptId}/answers/${q.id}`, s.token, {
              answer,
            });
            if (res.status === 204) soakSaves++;
            else soakErrors++;
          }
        }),
      );
      clearInterval(sampler);
      soak = {
        minutes: SOAK_MINUTES,
        saves: soakSaves,
        errors: soakErrors,
        rssStartMb,
        rssEndMb: serverRss(),
        rssMaxMb,
      };
      log(
        `  soak     ${SOAK_MINUTES} min: ${soakSaves} saves, ${soakErrors} errors; server RSS ${soak.rssStartMb} MB at start → ${soak.rssEndMb} MB at end (max ${soak.rssMaxMb} MB)`,
      );
    }

    // 3c. The live monitor: saves for a while without viewers, with them, and without again.
    let monitor:
      | {
          viewers: number;
          refreshMs: number;
          seconds: number;
          withoutP99: number[];
          withP99: number;
          withoutRps: number[];
          withRps: number;
          snapshotsPerViewer: number;
          snapshotBytes: number;
          p99Change: number;
        }
      | undefined;
    if (MONITOR_VIEWERS > 0) {
      const savesFor = async (label: string): Promise<LatencySummary> => {
        const latencies: number[] = [];
        let failed = 0;
        const until = Date.now() + MONITOR_SECONDS * 1000;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async (_, w) => {
            for (let k = w; Date.now() < until; k += CONCURRENCY) {
              const { s, q, answer } = saves[order[k % order.length]!]!;
              const res = await client.request('PUT', `/api/attempts/${s.attemptId}/answers/${q.id}`, s.token, {
                answer,
              });
              if (res.status !== 204) failed++;
              latencies.push(res.ms);
            }
          }),
        );
        return phase(label, { latencies, seconds: MONITOR_SECONDS }, failed);
      };
      const before = await savesFor('save−mon');
      const url = `http://127.0.0.1:${API_PORT}/api/exams/${examId}/monitor/stream`;
      // As the page does: a refused stream (503 + Retry-After at the door) is opened again a moment later.
      const refusals: number[] = [];
      const openViewer = async (): Promise<EventStreamClient> => {
        for (let attempt = 0; ; attempt++) {
          const viewer = await EventStreamClient.open(url, adminToken);
          if (viewer.status === 200 || attempt >= 30) return viewer;
          refusals.push(viewer.status);
          viewer.close();
          await new Promise((r) => setTimeout(r, 1000));
        }
      };
      const viewers = await Promise.all(Array.from({ length: MONITOR_VIEWERS }, openViewer));
      if (refusals.length > 0)
        log(`  monitor  streams refused at first: ${refusals.length} (${[...new Set(refusals)].join(', ')})`);
      await Promise.all(viewers.map((v) => v.next('snapshot', () => true, 60_000)));
      const seen = viewers.map((v) => v.count('snapshot'));
      const during = await savesFor(`save+mon`);
      const snapshotsPerViewer =
        viewers.reduce((sum, v, i) => sum + v.count('snapshot') - seen[i]!, 0) / viewers.length;
      const snapshotBytes = viewers[0]!.events.at(-1)?.data.length ?? 0;
      for (const v of viewers) v.close();
      const afterwards = await savesFor('save−mon');
      const baseline = (before.p99 + afterwards.p99) / 2;
      monitor = {
        viewers: MONITOR_VIEWERS,
        refreshMs: MONITOR_REFRESH_MS,
        seconds: MONITOR_SECONDS,
        withoutP99: [before.p99, afterwards.p99],
        withP99: during.p99,
        withoutRps: [before.rps, afterwards.rps],
        withRps: during.rps,
        snapshotsPerViewer: Math.round(snapshotsPerViewer * 10) / 10,
        snapshotBytes,
        p99Change: Math.round(((during.p99 - baseline) / baseline) * 1000) / 1000,
      };
      log(
        `  monitor  ${MONITOR_VIEWERS} viewers, refresh ${MONITOR_REFRESH_MS} ms: save p99 ${during.p99} ms with, ${before.p99} / ${afterwards.p99} ms without (${monitor.p99Change >= 0 ? '+' : ''}${Math.round(monitor.p99Change * 1000) / 10} %); ${monitor.snapshotsPerViewer} snapshots per viewer of ${snapshotBytes} bytes`,
      );
    }

    // 4. Baselines on the same open attempts (re-saving the same answers changes nothing stored).
    const baselineJobs = order.slice(0, Math.min(order.length, 30_000));
    const bare = fork(join(__dirname, 'bare-save-server.ts'), [], {
      execArgv: ['-r', '@swc-node/register'],
      env: { ...process.env, PORT: String(BARE_PORT), DATABASE_URL: DB_URL, AUTH_SECRET, POOL: '20' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(bare);
    await new Promise<void>((resolve) => bare.once('message', () => resolve()));
    const bareClient = new Client(BARE_PORT, CONCURRENCY);
    errors = 0;
    const bareHttp = phase(
      'bareHttp',
      await runClosedLoop(baselineJobs, CONCURRENCY, async (i) => {
        const { s, q, answer } = saves[i]!;
        const res = await bareClient.request('PUT', `/api/attempts/${s.attemptId}/answers/${q.id}`, s.token, {
          answer,
        });
        if (res.status !== 204) errors++;
        return res.ms;
      }),
      errors,
    );
    bareClient.close();
    bare.kill();

    const rawDb = phase(
      'rawDb',
      await runClosedLoop(baselineJobs, CONCURRENCY, async (i) => {
        const { s, q, answer } = saves[i]!;
        const t0 = performance.now();
        await db.execute(
          SAVE_ANSWER_SQL,
          saveAnswerParams(answer.join(''), new Date(), s.attemptId, q.id, s.userId) as never,
        );
        return performance.now() - t0;
      }),
      0,
    );

    // 5. Login storm: logins offered at 3× the measured login rate while saves go on.
    const stormRate = Math.max(1, login.rps * 3);
    const stormLatencies: number[] = [];
    let stormStop = false;
    let loginRefused = 0;
    let loginTimeouts = 0;
    let loginOk = 0;
    const savers = Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, w) => {
        let k = w;
        while (!stormStop) {
          const { s, q, answer } = saves[order[k % order.length]!]!;
          k += CONCURRENCY;
          const res = await client.request('PUT', `/api/attempts/${s.attemptId}/answers/${q.id}`, s.token, { answer });
          stormLatencies.push(res.ms);
        }
      }),
    );
    const stormClient = new Client(API_PORT, 4096);
    const logins: Promise<void>[] = [];
    const stormStarted = performance.now();
    for (let n = 0; performance.now() - stormStarted < STORM_SECONDS * 1000; n++) {
      const due = stormStarted + (n * 1000) / stormRate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const username = usernames[n % usernames.length]!;
      logins.push(
        stormClient.request('POST', '/api/auth/login', null, { username, password: PASSWORD }, 10_000).then((res) => {
          if (res.timedOut) loginTimeouts++;
          else if ((res.status === 429 || res.status === 503) && res.retryAfter) loginRefused++;
          else if (res.status === 200) loginOk++;
        }),
      );
    }
    await Promise.all(logins);
    stormStop = true;
    await savers;
    stormClient.close();
    const stormSave = summarise(stormLatencies, STORM_SECONDS);
    log(
      `  storm    ${logins.length} logins offered at ${Math.round(stormRate)}/s: ${loginOk} in, ${loginRefused} refused with Retry-After, ${loginTimeouts} timed out; saves meanwhile p99 ${stormSave.p99} ms`,
    );

    // 6. Submit.
    errors = 0;
    const submit = phase(
      'submit',
      await runClosedLoop(sessions, CONCURRENCY, async (s) => {
        const res = await client.request('POST', `/api/attempts/${s.attemptId}/submit`, s.token);
        if (res.status !== 200) errors++;
        return res.ms;
      }),
      errors,
    );

    const [rows] = await db.query(
      'SELECT COUNT(*) AS n FROM attempt_question aq JOIN exam_attempt a ON a.id = aq.attempt_id WHERE a.exam_id = ? AND aq.answer IS NOT NULL',
      [examId],
    );
    const stored = Number((rows as Array<{ n: number }>)[0]!.n);

    // 6. The database's ceiling for a start: mysql2 alone writing what a start writes (the attempt
    // and its 30 questions in one transaction) at the same concurrency, on a pool the server's size.
    // Written as extra attempts of the same students, and removed afterwards.
    const startPool = createPool({ uri: DB_URL, connectionLimit: DB_POOL_SIZE, timezone: 'Z' });
    const rawAttemptIds: number[] = [];
    const rawStart = phase(
      'rawStart',
      await runClosedLoop(sessions, CONCURRENCY, async (s) => {
        const t0 = performance.now();
        const connection = await startPool.getConnection();
        try {
          await connection.beginTransaction();
          const now = new Date();
          const [inserted] = await connection.execute(
            'INSERT INTO exam_attempt (exam_id, user_id, attempt_no, started_at, deadline, auto_submitted, leave_count) VALUES (?, ?, ?, ?, ?, 0, 0)',
            [examId, s.userId, 1000, now, new Date(now.getTime() + 3600_000)],
          );
          const attemptId = (inserted as { insertId: number }).insertId;
          rawAttemptIds.push(attemptId);
          const paper = s.questions.map((q, position) => [attemptId, q.id, q.id, position, 'ABCD', 2, 'A']);
          await connection.query(
            'INSERT INTO attempt_question (attempt_id, question_id, question_version_id, position, option_order, score, answer_key) VALUES ?',
            [paper],
          );
          await connection.commit();
        } finally {
          connection.release();
        }
        return performance.now() - t0;
      }),
      0,
    );
    for (let i = 0; i < rawAttemptIds.length; i += 1000) {
      const ids = rawAttemptIds.slice(i, i + 1000);
      await db.query('DELETE FROM attempt_question WHERE attempt_id IN (?)', [ids]);
      await db.query('DELETE FROM exam_attempt WHERE id IN (?)', [ids]);
    }
    await startPool.end();
    const ratioBareHttp = Math.round((save.rps / bareHttp.rps) * 100) / 100;
    const ratioRawDb = Math.round((save.rps / rawDb.rps) * 100) / 100;
    log(
      `  answers acknowledged ${acknowledged}, found in the database ${stored}${acknowledged === stored ? ' ✓' : ' ✗ MISMATCH'}`,
    );
    log(`  save rate ÷ bare HTTP ${ratioBareHttp}, ÷ mysql2 alone ${ratioRawDb}`);
    log(`  start rate ÷ mysql2 alone writing the same rows ${Math.round((start.rps / rawStart.rps) * 100) / 100}`);

    const pick = (s: LatencySummary) => ({ rps: s.rps, p50: s.p50, p95: s.p95, p99: s.p99 });
    const result = {
      students: STUDENTS,
      concurrency: CONCURRENCY,
      login: pick(login),
      start: pick(start),
      save: pick(save),
      submit: pick(submit),
      bareHttp: { rps: bareHttp.rps, p99: bareHttp.p99 },
      rawDb: { rps: rawDb.rps },
      rawStart: { rps: rawStart.rps, p99: rawStart.p99 },
      ratioBareHttp,
      ratioRawDb,
      acknowledged,
      stored,
      storm: { saveP99: stormSave.p99, loginRefused, loginTimeouts },
      ...(soak ? { soak } : {}),
      ...(monitor ? { monitor } : {}),
    };
    if (JSON_OUT) log(JSON.stringify(result));
  } finally {
    client.close();
    await db.end();
    for (const child of children) child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
