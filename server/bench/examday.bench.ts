/**
 * pnpm bench:examday [--students 10000] [--arrival-seconds 300] [--answers 30] [--think 2-6] [--json]
 *                    [--costs 200] [--server-cpu-prof FILE.cpuprofile]
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
 *
 * --costs K first takes K further freshmen through the day one phase at a time (4 at once, no think
 * time, before the open loop starts) and reports, per request type, the server's CPU time per
 * request (its process, all threads: /proc) and the database statements per request (the server's
 * own count, db_statements_total in /metrics): what each request costs, apart from how long it
 * waited on a busy machine. With --students 0 only that is measured.
 * --server-cpu-prof FILE writes a V8 CPU profile of the server from the end of setup to the end
 * (summarise it with `node -r @swc-node/register bench/lib/cpu-profile-summary.ts FILE`).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { recreateMysqlDatabase } from '../src/database/mysql-admin';
import {
  adminLogin,
  importRoster,
  percentiles,
  publishEntranceExam,
  rssMb,
  startBenchServer,
  verifyExamAnswers,
  waitForHealth,
} from './lib/bench-server';
import { someAnswer, type PaperQuestion } from './lib/paper';
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
const COSTS = Number(arg('costs', '0'));
const CPU_PROFILE = arg('server-cpu-prof', '');
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
    const session = JSON.parse(start.body) as { attemptId: number; questions: PaperQuestion[] };
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

/** The server process's CPU time so far (user + system, all threads), in ms. */
function cpuMs(pid: number): number {
  const { user, system } = cpuSplitMs(pid);
  return user + system;
}

/** The same, split into user and kernel (system) time. */
function cpuSplitMs(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 a second on Linux).
  return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
}

/** Statements the server has sent per route pattern so far (db_statements_total in /metrics). */
async function statementsByRoute(): Promise<Map<string, number>> {
  return (await routeCounts()).statements;
}

/** Per route pattern: statements sent and requests answered (other than 5xx refusals) so far, from /metrics. */
async function routeCounts(): Promise<{ statements: Map<string, number>; requests: Map<string, number> }> {
  const text = await (await fetch(`http://127.0.0.1:${API_PORT}/metrics`)).text();
  const statements = new Map<string, number>();
  const requests = new Map<string, number>();
  for (const match of text.matchAll(/^db_statements_total\{method="(\w+)",route="([^"]+)"\} (\d+)/gm))
    statements.set(`${match[1]} ${match[2]}`, Number(match[3]));
  for (const match of text.matchAll(
    /^http_request_duration_seconds_count\{method="(\w+)",route="([^"]+)",status="[1-4]xx"\} (\d+)/gm,
  )) {
    const key = `${match[1]} ${match[2]}`;
    requests.set(key, (requests.get(key) ?? 0) + Number(match[3]));
  }
  return { statements, requests };
}

const PHASE_ROUTES: Record<Phase, string> = {
  login: 'POST /api/auth/login',
  password: 'POST /api/auth/password',
  myExams: 'GET /api/my/exams',
  start: 'POST /api/exams/:id/attempts',
  save: 'PUT /api/attempts/:attemptId/answers/:questionId',
  submit: 'POST /api/attempts/:attemptId/submit',
};

interface PhaseCost {
  requests: number;
  cpuMsPerRequest: number;
  /** Of which in the kernel (socket reads and writes, mostly). */
  systemMsPerRequest: number;
  statementsPerRequest: number;
  wallSeconds: number;
}

/**
 * What each request type costs the server, measured one phase at a time so that nothing else runs
 * meanwhile: K students (4 at once, no think time) log in, then all change their password, and so
 * on. CPU is the server process's (all threads, so password hashing on the thread pool counts).
 */
async function measureCosts(serverPid: number, examId: number, password: string): Promise<Record<Phase, PhaseCost>> {
  const students = Array.from({ length: COSTS }, (_, i) => ({
    i,
    username: `C${String(i).padStart(6, '0')}`,
    phone: new Phone(),
    token: '',
    attemptId: 0,
    questions: [] as PaperQuestion[],
  }));
  type Student = (typeof students)[number];
  const costs = {} as Record<Phase, PhaseCost>;
  const phase = async (name: Phase, work: (s: Student) => Promise<number>) => {
    const before = { cpu: cpuSplitMs(serverPid), statements: (await statementsByRoute()).get(PHASE_ROUTES[name]) ?? 0 };
    const started = performance.now();
    let requests = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < students.length) {
          const sent = await work(students[next++]!);
          requests += sent;
        }
      }),
    );
    const wallSeconds = (performance.now() - started) / 1000;
    const after = cpuSplitMs(serverPid);
    const cpu = after.user + after.system - before.cpu.user - before.cpu.system;
    const system = after.system - before.cpu.system;
    const statements = ((await statementsByRoute()).get(PHASE_ROUTES[name]) ?? 0) - before.statements;
    costs[name] = {
      requests,
      cpuMsPerRequest: round(cpu / Math.max(1, requests)),
      systemMsPerRequest: round(system / Math.max(1, requests)),
      statementsPerRequest: round(statements / Math.max(1, requests)),
      wallSeconds: round(wallSeconds),
    };
    log(
      `  cost of ${name.padEnd(8)} ${String(requests).padStart(6)} requests: ${costs[name].cpuMsPerRequest} ms CPU ` +
        `(${costs[name].systemMsPerRequest} in the kernel), ` +
        `${costs[name].statementsPerRequest} statements each`,
    );
  };
  const ok = (reply: Reply, what: string) => {
    if (reply.status >= 300) throw new Error(`costs: ${what} ${reply.status} ${reply.body.slice(0, 200)}`);
    return reply;
  };
  await phase('login', async (s) => {
    const reply = ok(
      await s.phone.call('login', 'POST', '/api/auth/login', null, { username: s.username, password }),
      'login',
    );
    s.token = (JSON.parse(reply.body) as { token: string }).token;
    return 1;
  });
  await phase('password', async (s) => {
    const body = { oldPassword: password, newPassword: `Cq${randomBytes(6).toString('base64url')}#${s.i}` };
    const reply = ok(
      await s.phone.call('password', 'POST', '/api/auth/password', s.token, body, { prefer: 'return=representation' }),
      'password',
    );
    s.token = (JSON.parse(reply.body) as { token: string }).token;
    return 1;
  });
  await phase('myExams', async (s) => {
    ok(await s.phone.call('myExams', 'GET', '/api/my/exams', s.token), 'my exams');
    return 1;
  });
  await phase('start', async (s) => {
    const reply = ok(await s.phone.call('start', 'POST', `/api/exams/${examId}/attempts`, s.token), 'start');
    const session = JSON.parse(reply.body) as { attemptId: number; questions: PaperQuestion[] };
    s.attemptId = session.attemptId;
    s.questions = session.questions.slice(0, ANSWERS);
    return 1;
  });
  await phase('save', async (s) => {
    for (const [qi, q] of s.questions.entries()) {
      const answer = someAnswer(q, s.i + qi);
      const path = `/api/attempts/${s.attemptId}/answers/${q.id}`;
      ok(await s.phone.call('save', 'PUT', path, s.token, { answer }), 'save');
      acknowledged.set(`${s.attemptId}:${q.id}`, answer.join(''));
    }
    return s.questions.length;
  });
  await phase('submit', async (s) => {
    ok(await s.phone.call('submit', 'POST', `/api/attempts/${s.attemptId}/submit`, s.token), 'submit');
    return 1;
  });
  for (const s of students) s.phone.close();
  // The open loop's figures start from here.
  for (const values of tally.latency.values()) values.length = 0;
  tally.clientWait.length = 0;
  tally.refusals.clear();
  tally.errors.clear();
  return costs;
}

/** The roster (with a roster password per student) and a published entrance exam for them. */
async function setUp(password: string): Promise<number> {
  const token = await adminLogin(API_PORT);
  const lines = ['学号/工号,姓名,身份,学院,班级,入学年份,初始密码'];
  const row = (prefix: string, i: number) =>
    `${prefix}${String(i).padStart(6, '0')},新生${prefix}${i},学生,第${(i % 12) + 1}学院,第${(i % 12) + 1}学院${i % 250}班,${YEAR},${password}`;
  for (let i = 0; i < STUDENTS; i++) lines.push(row('F', i));
  for (let i = 0; i < COSTS; i++) lines.push(row('C', i));
  await importRoster(API_PORT, token, lines);
  return publishEntranceExam(API_PORT, token, { enrollmentYears: [YEAR], durationMinutes: 60, maxAttempts: 1 });
}

async function main(): Promise<void> {
  log(
    `bench:examday — ${STUDENTS} freshmen arriving over ${ARRIVAL_SECONDS} s, ${ANSWERS} answers each, ` +
      `${THINK_MIN_S}–${THINK_MAX_S} s think time, one connection per phone`,
  );
  await recreateMysqlDatabase(DB_URL);
  const server = startBenchServer({
    port: API_PORT,
    databaseUrl: DB_URL,
    authSecret: randomBytes(32).toString('base64url'),
    cpuProfile: CPU_PROFILE || undefined,
  });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  try {
    await waitForHealth(API_PORT);
    const password = `Ros${randomBytes(4).toString('hex')}!${YEAR}`;
    const examId = await setUp(password);
    log(`  roster of ${STUDENTS + COSTS} imported, exam ${examId} published`);
    if (CPU_PROFILE) {
      rmSync(CPU_PROFILE, { force: true });
      server.kill('SIGWINCH');
    }
    const costs = COSTS > 0 ? await measureCosts(server.pid!, examId, password) : null;
    const cpuAtStart = cpuMs(server.pid!);
    const countsAtStart = await routeCounts();

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
    const serverCpuSeconds = (cpuMs(server.pid!) - cpuAtStart) / 1000;
    // Statements per request of each phase in the open loop (refusals, which send none, left out).
    const countsAtEnd = await routeCounts();
    const statementsPerRequest = Object.fromEntries(
      PHASES.map((p) => {
        const route = PHASE_ROUTES[p];
        const sent = (countsAtEnd.statements.get(route) ?? 0) - (countsAtStart.statements.get(route) ?? 0);
        const answered = (countsAtEnd.requests.get(route) ?? 0) - (countsAtStart.requests.get(route) ?? 0);
        return [p, round(sent / Math.max(1, answered))];
      }),
    );
    if (CPU_PROFILE) {
      server.kill('SIGWINCH');
      for (let i = 0; i < 100 && !existsSync(CPU_PROFILE); i++) await sleep(200);
      log(`  server CPU profile: ${CPU_PROFILE}`);
    }
    clearInterval(sampler);
    clearInterval(progress);
    loop.disable();

    const verification = await verifyExamAnswers(DB_URL, examId, acknowledged);
    const phases = Object.fromEntries(PHASES.map((p) => [p, percentiles(tally.latency.get(p)!)]));
    const lastStartSeconds = startedAt.length ? round((Math.max(...startedAt) - firstArrival) / 1000) : 0;
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
      serverCpuSeconds: round(serverCpuSeconds),
      statementsPerRequest,
      costs,
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
    log(`  statements per request ${JSON.stringify(statementsPerRequest)}`);
    log(`  server RSS peak ${peakRss} MB; server CPU ${round(serverCpuSeconds)} s over ${round(wallSeconds)} s`);
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
