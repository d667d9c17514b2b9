/**
 * pnpm bench:examday [--students 10000] [--arrival-seconds 300] [--answers 30] [--think 2-6] [--json]
 *
 * Exam day as the freshmen live it, open loop: N students arrive at random over the arrival window,
 * and each one — on a connection of their own, as a phone has — logs in with the roster password,
 * changes it as forced (asking for the new session in the answer), lists their exams, starts the
 * entrance exam, answers every question with think time between answers, and submits. A refused
 * request (503/429 with Retry-After) is retried after the time the server asked for; a student never
 * gives up. The load generator, the server and MariaDB share this machine's cores.
 *
 * It reports, per phase, the time from writing the request to reading the answer (p50/p95/p99), the
 * client-side wait apart from it (how late the generator's own event loop sent requests it meant to
 * send), refusals, errors, the time from the first arrival until the last student had started, the
 * server's peak RSS, and whether every acknowledged answer is in the database. The last line is JSON
 * with --json. BENCH_DATABASE_URL (default mysql://root@127.0.0.1:3306/campus_examday) is emptied.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createPool, type RowDataPacket } from 'mysql2/promise';
import { recreateMysqlDatabase } from '../src/database/mysql-admin';
import { multipart } from '../test/harness';
import { round } from './lib/load';

const ARGS = process.argv.slice(2);
function arg(name: string, fallback: string): string {
  const i = ARGS.indexOf(`--${name}`);
  return i >= 0 ? (ARGS[i + 1] ?? fallback) : fallback;
}

const STUDENTS = Number(arg('students', '10000'));
const ARRIVAL_SECONDS = Number(arg('arrival-seconds', '300'));
const ANSWERS = Number(arg('answers', '30'));
const [THINK_MIN_S, THINK_MAX_S] = arg('think', '2-6').split('-').map(Number) as [number, number];
const JSON_OUT = ARGS.includes('--json');
const DB_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/campus_examday';
const API_PORT = Number(process.env.BENCH_PORT ?? 3413);
const YEAR = new Date().getFullYear();
const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Phase = 'login' | 'password' | 'myExams' | 'start' | 'save' | 'submit';
const PHASES: Phase[] = ['login', 'password', 'myExams', 'start', 'save', 'submit'];

interface Reply {
  status: number;
  body: string;
  retryAfterSeconds: number | null;
}

/** What the generator saw, per phase. */
class Tally {
  readonly latency = new Map<Phase, number[]>(PHASES.map((p) => [p, []]));
  readonly clientWait: number[] = [];
  readonly refusals = new Map<string, number>();
  readonly errors = new Map<string, number>();
  count(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }
}

const tally = new Tally();

/**
 * One phone: one keep-alive connection of its own, so nothing queues inside the generator. A
 * request is retried (after Retry-After, or a second for a dropped connection) until it gets a
 * final answer; refusals and errors are counted on the way.
 */
class Phone {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  async call(phase: Phase, method: string, path: string, token: string | null, body?: unknown, extra = {}) {
    for (;;) {
      const reply = await this.once(phase, method, path, token, body, extra);
      if (reply.status === 503 || reply.status === 429) {
        tally.count(tally.refusals, `${phase} ${reply.status}`);
        await this.wait((reply.retryAfterSeconds ?? 1) * 1000);
        continue;
      }
      if (reply.status === 0 || reply.status >= 500) {
        tally.count(tally.errors, `${phase} ${reply.status || 'network'}`);
        await this.wait(1000);
        continue;
      }
      return reply;
    }
  }

  close(): void {
    this.agent.destroy();
  }

  /** Waits `ms`, and counts how late the generator woke up (its own event loop's share). */
  async wait(ms: number): Promise<void> {
    const due = performance.now() + ms;
    await sleep(ms);
    tally.clientWait.push(Math.max(0, performance.now() - due));
  }

  private once(
    phase: Phase,
    method: string,
    path: string,
    token: string | null,
    body: unknown,
    extra: Record<string, string>,
  ): Promise<Reply> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { ...extra };
    if (token) headers.authorization = `Bearer ${token}`;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    return new Promise((resolve) => {
      const started = performance.now();
      const req = http.request(
        { host: '127.0.0.1', port: API_PORT, method, path, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status < 500 && status !== 429) tally.latency.get(phase)!.push(performance.now() - started);
            const retry = Number(res.headers['retry-after']);
            resolve({
              status,
              body: Buffer.concat(chunks).toString('utf8'),
              retryAfterSeconds: Number.isFinite(retry) ? retry : null,
            });
          });
        },
      );
      req.setTimeout(30_000, () => req.destroy());
      req.on('error', () => resolve({ status: 0, body: '', retryAfterSeconds: null }));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }
}

interface Question {
  id: number;
  type: string;
  options: Array<{ key: string }>;
}

function someAnswer(q: Question, seed: number): string[] {
  const keys = q.options.map((o) => o.key);
  if (q.type === 'multiple') return [keys[seed % keys.length]!, keys[(seed + 1) % keys.length]!].sort();
  return [keys[seed % keys.length]!];
}

const acknowledged = new Map<string, string>(); // `${attemptId}:${questionId}` → sorted keys
const startedAt: number[] = [];
let firstArrival = 0;

/** One freshman's morning. */
async function freshman(i: number, examId: number, password: string): Promise<void> {
  const phone = new Phone();
  const username = `F${String(i).padStart(6, '0')}`;
  try {
    const login = await phone.call('login', 'POST', '/api/auth/login', null, { username, password });
    if (login.status !== 200) throw new Error(`login ${login.status} ${login.body}`);
    let token = (JSON.parse(login.body) as { token: string }).token;
    const newPassword = `Xq${randomBytes(6).toString('base64url')}#${i}`;
    const changed = await phone.call(
      'password',
      'POST',
      '/api/auth/password',
      token,
      { oldPassword: password, newPassword },
      { prefer: 'return=representation' },
    );
    if (changed.status === 200) token = (JSON.parse(changed.body) as { token: string }).token;
    else if (changed.status === 204) {
      // A server that ends the session without giving a new one: log in again (a second hash).
      const again = await phone.call('login', 'POST', '/api/auth/login', null, { username, password: newPassword });
      token = (JSON.parse(again.body) as { token: string }).token;
    } else throw new Error(`password ${changed.status} ${changed.body}`);
    await phone.call('myExams', 'GET', '/api/my/exams', token);
    const start = await phone.call('start', 'POST', `/api/exams/${examId}/attempts`, token);
    if (start.status !== 200) throw new Error(`start ${start.status} ${start.body}`);
    startedAt.push(performance.now());
    const session = JSON.parse(start.body) as { attemptId: number; questions: Question[] };
    for (const [qi, q] of session.questions.slice(0, ANSWERS).entries()) {
      await phone.wait((THINK_MIN_S + Math.random() * (THINK_MAX_S - THINK_MIN_S)) * 1000);
      const answer = someAnswer(q, i + qi);
      const path = `/api/attempts/${session.attemptId}/answers/${q.id}`;
      const saved = await phone.call('save', 'PUT', path, token, { answer });
      if (saved.status === 204) acknowledged.set(`${session.attemptId}:${q.id}`, answer.join(''));
      else tally.count(tally.errors, `save ${saved.status}`);
    }
    const submit = await phone.call('submit', 'POST', `/api/attempts/${session.attemptId}/submit`, token);
    if (submit.status !== 200) tally.count(tally.errors, `submit ${submit.status}`);
  } catch (error) {
    tally.count(tally.errors, `journey: ${(error as Error).message.slice(0, 80)}`);
  } finally {
    phone.close();
  }
}

function percentiles(values: number[]): { count: number; p50: number; p95: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(sorted.at(-1) ?? 0) };
}

function startServer(authSecret: string): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: join(__dirname, '..'),
    env: {
      ...process.env,
      PORT: String(API_PORT),
      DATABASE_URL: DB_URL,
      AUTH_SECRET: authSecret,
      DEMO_DATA: 'false',
      SEED_CONTENT: 'true',
      LOG_LEVEL: 'warn',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-examday-')),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 480; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${API_PORT}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await sleep(500);
  }
  throw new Error('the server did not come up');
}

async function adminRequest(token: string | null, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${API_PORT}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** The roster (with a roster password per student) and a published entrance exam for them. */
async function setUp(password: string): Promise<number> {
  const { token } = (await adminRequest(null, 'POST', '/api/auth/login', {
    username: 'admin',
    password: 'Xitong-Guanli-26',
  })) as { token: string };
  const lines = ['学号/工号,姓名,身份,学院,班级,入学年份,初始密码'];
  for (let i = 0; i < STUDENTS; i++)
    lines.push(
      `F${String(i).padStart(6, '0')},新生${i},学生,第${(i % 12) + 1}学院,第${(i % 12) + 1}学院${i % 250}班,${YEAR},${password}`,
    );
  const { payload, contentType } = multipart('file', 'freshmen.csv', Buffer.from(lines.join('\n')));
  const imported = await fetch(`http://127.0.0.1:${API_PORT}/api/roster/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body: new Uint8Array(payload),
  });
  if (!imported.ok) throw new Error(`roster import: ${imported.status} ${(await imported.text()).slice(0, 500)}`);
  const now = Date.now();
  const exam = (await adminRequest(token, 'POST', '/api/exams', {
    title: '压测：入学第一考',
    kind: 'entrance',
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 3 * 3600_000).toISOString(),
    durationMinutes: 60,
    passScore: 60,
    maxAttempts: 1,
    audience: { enrollmentYears: [YEAR] },
    paper: {
      rules: [
        { type: 'single', count: 12, score: 3 },
        { type: 'multiple', count: 8, score: 4 },
        { type: 'judge', count: 10, score: 3.2 },
      ],
    },
    shuffleQuestions: true,
    shuffleOptions: true,
  })) as { id: number };
  await adminRequest(token, 'POST', `/api/exams/${exam.id}/publish`);
  return exam.id;
}

/** Every acknowledged answer, compared with what the database holds for it. */
async function verifyStored(examId: number): Promise<{ stored: number; missing: number; different: number }> {
  const db = createPool({ uri: DB_URL, connectionLimit: 2 });
  try {
    const [rows] = await db.query<RowDataPacket[]>(
      `SELECT aq.attempt_id AS attemptId, aq.question_id AS questionId, aq.answer AS answer
         FROM attempt_question aq JOIN exam_attempt a ON a.id = aq.attempt_id
        WHERE a.exam_id = ? AND aq.answer IS NOT NULL`,
      [examId],
    );
    const stored = new Map<string, string>();
    // Whatever the column's encoding, an answer is its set of option letters.
    for (const r of rows)
      stored.set(
        `${String(r.attemptId)}:${String(r.questionId)}`,
        [...String(r.answer).replace(/[^A-Z]/g, '')].sort().join(''),
      );
    let missing = 0;
    let different = 0;
    for (const [key, answer] of acknowledged) {
      const found = stored.get(key);
      if (found === undefined) missing++;
      else if (found !== answer) different++;
    }
    return { stored: rows.length, missing, different };
  } finally {
    await db.end();
  }
}

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Math.round(Number(match?.[1] ?? 0) / 1024);
}

async function main(): Promise<void> {
  log(
    `bench:examday — ${STUDENTS} freshmen arriving over ${ARRIVAL_SECONDS} s, ${ANSWERS} answers each, ` +
      `${THINK_MIN_S}–${THINK_MAX_S} s think time, one connection per phone`,
  );
  await recreateMysqlDatabase(DB_URL);
  const server = startServer(randomBytes(32).toString('base64url'));
  const loop = monitorEventLoopDelay({ resolution: 10 });
  try {
    await waitForHealth();
    const password = `Ros${randomBytes(4).toString('hex')}!${YEAR}`;
    const examId = await setUp(password);
    log(`  roster of ${STUDENTS} imported, exam ${examId} published`);

    let peakRss = rssMb(server.pid!);
    const rssSamples: number[] = [];
    const sampler = setInterval(() => {
      const now = rssMb(server.pid!);
      rssSamples.push(now);
      peakRss = Math.max(peakRss, now);
    }, 1000);
    const progress = setInterval(() => {
      const saves = tally.latency.get('save')!.length;
      const refused = [...tally.refusals].map(([k, n]) => `${k}×${n}`).join(' ');
      const failed = [...tally.errors].map(([k, n]) => `${k}×${n}`).join(' ');
      log(
        `  t+${Math.round((performance.now() - firstArrival) / 1000)} s: ${startedAt.length} started, ${saves} saves, ` +
          `server ${peakRss} MB peak; refused ${refused || 'none'}; errors ${failed || 'none'}`,
      );
    }, 30_000);
    loop.enable();

    firstArrival = performance.now();
    // Poisson-like arrivals: each student's moment drawn uniformly over the window.
    const journeys = Array.from({ length: STUDENTS }, (_, i) =>
      sleep(Math.random() * ARRIVAL_SECONDS * 1000).then(() => freshman(i, examId, password)),
    );
    await Promise.all(journeys);
    const wallSeconds = (performance.now() - firstArrival) / 1000;
    clearInterval(sampler);
    clearInterval(progress);
    loop.disable();

    const verification = await verifyStored(examId);
    const phases = Object.fromEntries(PHASES.map((p) => [p, percentiles(tally.latency.get(p)!)]));
    const lastStartSeconds = round((Math.max(...startedAt) - firstArrival) / 1000);
    const result = {
      students: STUDENTS,
      arrivalSeconds: ARRIVAL_SECONDS,
      started: startedAt.length,
      lastStartAfterFirstArrivalSeconds: lastStartSeconds,
      wallSeconds: round(wallSeconds),
      phasesMs: phases,
      clientWaitMs: percentiles(tally.clientWait),
      generatorEventLoopP99Ms: round(loop.percentile(99) / 1e6),
      refusals: Object.fromEntries(tally.refusals),
      errors: Object.fromEntries(tally.errors),
      serverRssMb: { peak: peakRss, first: rssSamples[0] ?? 0, last: rssSamples.at(-1) ?? 0 },
      answers: { acknowledged: acknowledged.size, ...verification },
    };
    log('');
    for (const p of PHASES) {
      const s = phases[p]!;
      log(`  ${p.padEnd(9)} ${String(s.count).padStart(7)}  p50 ${s.p50} ms  p95 ${s.p95} ms  p99 ${s.p99} ms`);
    }
    log(
      `  client-side wait p99 ${result.clientWaitMs.p99} ms (generator loop p99 ${result.generatorEventLoopP99Ms} ms)`,
    );
    log(`  started ${result.started}/${STUDENTS}; last start ${lastStartSeconds} s after the first arrival`);
    log(`  refusals ${JSON.stringify(result.refusals)}; errors ${JSON.stringify(result.errors)}`);
    log(`  server RSS peak ${peakRss} MB`);
    log(
      `  answers acknowledged ${acknowledged.size}, missing ${verification.missing}, different ${verification.different}` +
        (verification.missing + verification.different === 0 ? ' ✓' : ' ✗'),
    );
    if (JSON_OUT) log(JSON.stringify(result));
  } finally {
    server.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
