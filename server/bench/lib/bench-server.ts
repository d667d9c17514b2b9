import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createPool, type RowDataPacket } from 'mysql2/promise';
import { multipart } from '../../test/harness';
import { round } from './load';

/**
 * What the exam benches share: the server they start (a child process on MariaDB, content seeded,
 * no demo data), the roster and the entrance exam they set up through the API as an admin would,
 * and the small facts they measure with.
 */

export interface BenchServerOptions {
  port: number;
  databaseUrl: string;
  authSecret: string;
  /** Environment on top of the bench's defaults (e.g. EXAM_MONITOR_REFRESH_MS). */
  env?: Record<string, string>;
  /** Node options for the server process, e.g. from BENCH_SERVER_NODE_ARGS. */
  nodeArgs?: string[];
  /** Writes a V8 CPU profile of the server to this file when it stops (see cpu-profile-preload). */
  cpuProfile?: string;
}

export function startBenchServer(options: BenchServerOptions): ChildProcess {
  const preload = options.cpuProfile ? ['-r', './bench/lib/cpu-profile-preload.ts'] : [];
  return spawn(process.execPath, [...(options.nodeArgs ?? []), '-r', '@swc-node/register', ...preload, 'src/main.ts'], {
    cwd: join(__dirname, '../..'),
    env: {
      ...process.env,
      ...(options.cpuProfile ? { BENCH_CPU_PROFILE: resolve(options.cpuProfile) } : {}),
      PORT: String(options.port),
      DATABASE_URL: options.databaseUrl,
      AUTH_SECRET: options.authSecret,
      DEMO_DATA: 'false',
      SEED_CONTENT: 'true',
      LOG_LEVEL: 'warn',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-')),
      // Stack traces as production formats them (node dist/main.js, no source maps). By default the
      // TypeScript loader rewrites every stack through source maps: when 10,000 phones closed their
      // streams at one bell, Node's own aborted-request errors spent a quarter of a second in it.
      SWC_NODE_SOURCE_MAP_MODE: 'none',
      ...options.env,
      // e.g. BENCH_SERVER_ENV="DB_POOL_SIZE=40 MAX_IN_FLIGHT=512" to try the server's settings.
      ...Object.fromEntries(
        (process.env.BENCH_SERVER_ENV ?? '')
          .split(' ')
          .filter(Boolean)
          .map((pair) => pair.split('=', 2) as [string, string]),
      ),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

export async function waitForHealth(port: number): Promise<void> {
  for (let i = 0; i < 480; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`nothing answered on port ${port}`);
}

/** The server's resident memory now, in MB. */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Math.round(Number(match?.[1] ?? 0) / 1024);
}

/** One JSON call as the admin makes it; anything but 2xx throws with the server's answer. */
export async function adminRequest(
  port: number,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

export async function adminLogin(port: number): Promise<string> {
  const { token } = (await adminRequest(port, null, 'POST', '/api/auth/login', {
    username: 'admin',
    password: 'Xitong-Guanli-26',
  })) as { token: string };
  return token;
}

/** Uploads roster lines (the first is the header) as the 导入名单 page does. */
export async function importRoster(port: number, token: string, lines: string[]): Promise<void> {
  const { payload, contentType } = multipart('file', 'bench.csv', Buffer.from(lines.join('\n')));
  const res = await fetch(`http://127.0.0.1:${port}/api/roster/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body: new Uint8Array(payload),
  });
  if (!res.ok) throw new Error(`roster import: ${res.status} ${(await res.text()).slice(0, 500)}`);
}

/**
 * A published 入学第一考 open from a minute ago for three hours: 30 questions drawn by rule from the
 * shipped bank (12 single, 8 multiple, 10 true/false), shuffled, for the given enrolment years.
 */
export async function publishEntranceExam(
  port: number,
  token: string,
  options: { enrollmentYears: number[]; durationMinutes: number; maxAttempts: number },
): Promise<number> {
  const now = Date.now();
  const exam = (await adminRequest(port, token, 'POST', '/api/exams', {
    title: '压测：入学第一考',
    kind: 'entrance',
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 3 * 3600_000).toISOString(),
    durationMinutes: options.durationMinutes,
    passScore: 60,
    maxAttempts: options.maxAttempts,
    audience: { enrollmentYears: options.enrollmentYears },
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
  await adminRequest(port, token, 'POST', `/api/exams/${exam.id}/publish`);
  return exam.id;
}

/** A password hash in the server's scrypt format; `n` below the server's 16384 only where signing in is not measured. */
export function scryptHash(password: string, n = 16384): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N: n, r: 8, p: 1 });
  return ['scrypt', n, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export function percentiles(values: number[]): { count: number; p50: number; p95: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(sorted.at(-1) ?? 0) };
}

/**
 * Every acknowledged answer (`${attemptId}:${questionId}` → sorted option letters) compared with
 * what the database holds for it.
 */
export async function verifyExamAnswers(
  databaseUrl: string,
  examId: number,
  acknowledged: Map<string, string>,
): Promise<{ stored: number; missing: number; different: number }> {
  const db = createPool({ uri: databaseUrl, connectionLimit: 2 });
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
