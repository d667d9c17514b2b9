import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { AuthSecret } from './auth-secret';

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 } as const;

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, SCRYPT.keyLength, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** A slow hash's usual duration before any has been measured (scrypt N=16384 here: ≈ 52 ms). */
const INITIAL_TYPICAL_MS = 60;

/**
 * Three stored formats:
 * - `scrypt$N$r$p$salt$key` — a password a person chose. scrypt N=16384 costs ≈ 52 ms of a core
 *   and runs on libuv's thread pool, never on the event loop.
 * - `init$salt$hmac` — an initial password from the roster. A school imports 30,000 people at
 *   once, and a slow hash per row would take ~25 minutes on two cores. An initial password is
 *   temporary by nature (its owner must replace it at first login), so it is kept as a keyed HMAC
 *   with the deployment's secret: a stolen table alone does not reveal it.
 * - `hmac$salt$hmac` — a chosen password kept the same way for a few minutes because it was set
 *   while slow hashes were queueing (exam day: 10,000 forced password changes in minutes would
 *   take ≈ 500 s of both cores away from the students already answering). PasswordUpgrader
 *   replaces it with scrypt when the machine has time, and any later login does too.
 *
 * Every check costs the caller the same time whatever the stored format, and whether or not the
 * account exists: the fast ones wait out the rest of a typical slow check on a timer, not on a core
 * (the login-timing finding of the 2026-12 security review, without spending CPU on it).
 *
 * Slow hashes run `hashConcurrency` at once (default: one core fewer than the machine has, so the
 * event loop and the database always keep one), with a bounded queue: past it login answers
 * 503 + Retry-After quickly instead of slowing every other request.
 */
@Injectable()
export class PasswordHasher {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  /** Moving average of a slow check's duration, queueing included: what a fast check waits out. */
  private typicalMs = INITIAL_TYPICAL_MS;
  /** Whether work that must not wait is going on (students answering an exam); see yieldTo. */
  private priorityWork: () => boolean = () => false;

  constructor(
    private readonly config: AppConfig,
    private readonly secret: AuthSecret,
  ) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await this.limited(() => scryptAsync(password, salt, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p }));
    return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
  }

  /**
   * A new password as it will be stored: scrypt when a slow hash can start now, otherwise (with
   * PASSWORD_HASH_DEFER on) the keyed form, to be upgraded later. `deferred` says which.
   */
  async hashNow(password: string): Promise<{ stored: string; deferred: boolean }> {
    if (this.config.passwordHashDefer && this.busy) return { stored: this.keyedHash('hmac', password), deferred: true };
    return { stored: await this.hash(password), deferred: false };
  }

  /**
   * Slow hashes that can wait give way while `active` says so: a new password is kept in the keyed
   * form (with PASSWORD_HASH_DEFER) and PasswordUpgrader slows down. On exam day the scrypt of
   * 10,000 password changes is ≈ 500 s of a core; spent while students answer, it took the cores
   * their saves needed (pnpm bench:examday, README). Set by the app to "answers arrived lately".
   */
  yieldTo(active: () => boolean): void {
    this.priorityWork = active;
  }

  /** Whether slow hashes that can wait should wait now (see yieldTo). */
  get yielding(): boolean {
    return this.priorityWork();
  }

  /** Fast, synchronous: for initial passwords only (see the class comment). */
  initialHash(password: string): string {
    return this.keyedHash('init', password);
  }

  /**
   * Whether `stored` is still the initial password `password` (for the admin's table of initial
   * passwords; fast and synchronous, false for anything a person chose).
   */
  isInitial(password: string, stored: string): boolean {
    const parts = stored.split('$');
    return parts[0] === 'init' && parts.length === 3 && safeEqual(this.hmac(parts[1]!, password), parts[2]!);
  }

  /** Whether `stored` is a chosen password still waiting for its slow hash. */
  isDeferred(stored: string): boolean {
    return stored.startsWith('hmac$');
  }

  /** Checks `password` against `stored`; `null` (no such account) is always false, in the same time. */
  async verify(password: string, stored: string | null): Promise<boolean> {
    const started = performance.now();
    const parts = stored?.split('$') ?? [];
    if (parts[0] === 'scrypt' && parts.length === 6) {
      const [, n, r, p, salt, key] = parts;
      const expected = Buffer.from(key ?? '', 'base64url');
      const actual = await this.limited(() =>
        scryptAsync(password, Buffer.from(salt ?? '', 'base64url'), { N: Number(n), r: Number(r), p: Number(p) }),
      );
      this.observe(performance.now() - started);
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    }
    const keyed = (parts[0] === 'init' || parts[0] === 'hmac') && parts.length === 3;
    const ok = keyed && safeEqual(this.hmac(parts[1] ?? '', password), parts[2] ?? '');
    await this.waitOutTypicalCheck(started);
    return ok;
  }

  /** How long a check takes at the moment (the time fast checks wait out). */
  get typicalCheckMs(): number {
    return this.typicalMs;
  }

  /** Slow hashes running and waiting now (for /metrics). */
  get queueDepth(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Slow hashes are running or queueing (a new one would wait), or students are answering (yieldTo). */
  get busy(): boolean {
    return this.running >= this.config.hashConcurrency || this.waiting.length > 0 || this.priorityWork();
  }

  /** Nothing slow is running or waiting (PasswordUpgrader works only then). */
  get idle(): boolean {
    return this.running === 0 && this.waiting.length === 0;
  }

  private keyedHash(kind: 'init' | 'hmac', password: string): string {
    const salt = randomBytes(12).toString('base64url');
    return `${kind}$${salt}$${this.hmac(salt, password)}`;
  }

  private hmac(salt: string, password: string): string {
    return createHmac('sha256', this.secret.key).update(`${salt}:${password}`).digest('base64url');
  }

  private observe(ms: number): void {
    this.typicalMs = Math.min(2000, Math.max(10, this.typicalMs * 0.9 + ms * 0.1));
  }

  /** A fast check ends when a slow one would have, give or take a tenth: on a timer, not a core. */
  private async waitOutTypicalCheck(started: number): Promise<void> {
    const target = this.typicalMs * (0.9 + Math.random() * 0.2);
    const remaining = target - (performance.now() - started);
    if (remaining > 0) await new Promise((r) => setTimeout(r, remaining));
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.config.hashConcurrency) {
      this.running += 1;
    } else {
      if (this.waiting.length >= this.config.hashQueueLimit) {
        throw new ServiceUnavailableException({ message: '登录人数过多，请稍后重试', retryAfterSeconds: 3 });
      }
      // The finishing check hands its slot straight to us, so `running` never overshoots.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
