import { usernameKey } from '@campus/shared';
import { HttpException, HttpStatus, Injectable } from '@nestjs/common';

export interface ThrottleWindow {
  failures: number;
  resetAt: number;
}

/** Where failure counts live: in this process, or in Redis when instances must share them. */
export interface ThrottleStore {
  get(key: string, now: number): Promise<ThrottleWindow | null>;
  hit(key: string, windowMs: number, now: number): Promise<ThrottleWindow>;
  clear(key: string): Promise<void>;
  /**
   * Takes the lock `key` for at most `ttlMs` unless someone holds it: true when taken. The lock
   * bounds work per account (one password check at a time), so it is shared like the counts.
   */
  acquire(key: string, ttlMs: number, now: number): Promise<boolean>;
  release(key: string): Promise<void>;
}

export class MemoryThrottleStore implements ThrottleStore {
  private readonly windows = new Map<string, ThrottleWindow>();
  /** Held locks and when they lapse. */
  private readonly locks = new Map<string, number>();

  async get(key: string, now: number): Promise<ThrottleWindow | null> {
    const w = this.windows.get(key);
    if (!w || w.resetAt <= now) return null;
    return w;
  }

  async hit(key: string, windowMs: number, now: number): Promise<ThrottleWindow> {
    const current = await this.get(key, now);
    const next = current
      ? { failures: current.failures + 1, resetAt: current.resetAt }
      : { failures: 1, resetAt: now + windowMs };
    if (this.windows.size > 200_000) this.prune(now);
    this.windows.set(key, next);
    return next;
  }

  async clear(key: string): Promise<void> {
    this.windows.delete(key);
  }

  async acquire(key: string, ttlMs: number, now: number): Promise<boolean> {
    const until = this.locks.get(key);
    if (until !== undefined && until > now) return false;
    if (this.locks.size > 200_000) for (const [k, t] of this.locks) if (t <= now) this.locks.delete(k);
    this.locks.set(key, now + ttlMs);
    return true;
  }

  async release(key: string): Promise<void> {
    this.locks.delete(key);
  }

  private prune(now: number): void {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
  }
}

export const THROTTLE_STORE = Symbol('ThrottleStore');

/** Limits (documented in the README). */
export const LOGIN_LIMITS = {
  /** Wrong passwords for one account before it is paused. */
  perAccount: 5,
  accountWindowMs: 15 * 60_000,
  /**
   * Wrong passwords from one address. Campus NAT puts thousands of students behind one address and a
   * class logs in within the same minute, so this is high: it stops password spraying, not classes.
   * Only failures count, never successful logins.
   */
  perAddress: 300,
  addressWindowMs: 10 * 60_000,
} as const;

export class TooManyAttemptsException extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super({ statusCode: HttpStatus.TOO_MANY_REQUESTS, message, retryAfterSeconds }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** How long a password check may hold its account's lock (a check takes ≈ 50 ms, queueing included ≤ 5 s). */
const CHECK_LOCK_MS = 30_000;

/**
 * Counts failed logins per account and per address. Checked before the slow password hash, so an
 * attacker cannot make the server hash on their behalf once throttled. A wrong old password in a
 * password change counts exactly like a failed login.
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly store: ThrottleStore) {}

  async assertAllowed(username: string, address: string, now = Date.now()): Promise<void> {
    await this.assertAccountAllowed(username, now);
    const addr = await this.store.get(addressKey(address), now);
    if (addr && addr.failures >= LOGIN_LIMITS.perAddress) {
      const seconds = Math.ceil((addr.resetAt - now) / 1000);
      throw new TooManyAttemptsException(seconds, `该网络登录失败次数过多，请 ${formatWait(seconds)}后再试`);
    }
  }

  /** The account's own pause: for a signed-in caller (password change) the address does not matter. */
  async assertAccountAllowed(username: string, now = Date.now()): Promise<void> {
    const account = await this.store.get(accountKey(username), now);
    if (account && account.failures >= LOGIN_LIMITS.perAccount) {
      const seconds = Math.ceil((account.resetAt - now) / 1000);
      throw new TooManyAttemptsException(seconds, `密码错误次数过多，请 ${formatWait(seconds)}后再试`);
    }
  }

  async recordFailure(username: string, address: string, now = Date.now()): Promise<void> {
    await Promise.all([
      this.store.hit(accountKey(username), LOGIN_LIMITS.accountWindowMs, now),
      this.store.hit(addressKey(address), LOGIN_LIMITS.addressWindowMs, now),
    ]);
  }

  async recordSuccess(username: string): Promise<void> {
    await this.store.clear(accountKey(username));
  }

  /**
   * Runs `check` — a password verification for `username` — unless one for the same account is
   * already running (on any instance, with Redis): then refuses at once with 429. Without this, a
   * burst of concurrent wrong passwords for one account would all pass the count above before the
   * first failure is recorded, and fill the hash queue that everybody's sign-in waits in.
   */
  async oneCheckAtATime<T>(username: string, check: () => Promise<T>, now = Date.now()): Promise<T> {
    const key = checkLockKey(username);
    if (!(await this.store.acquire(key, CHECK_LOCK_MS, now))) {
      throw new TooManyAttemptsException(1, '该账号的上一次密码验证尚未完成，请稍后再试');
    }
    try {
      return await check();
    } finally {
      await this.store.release(key);
    }
  }
}

function accountKey(username: string): string {
  return `login:user:${usernameKey(username)}`;
}

function checkLockKey(username: string): string {
  return `login:checking:${usernameKey(username)}`;
}

function addressKey(address: string): string {
  return `login:addr:${address}`;
}

function formatWait(seconds: number): string {
  return seconds >= 60 ? `${Math.ceil(seconds / 60)} 分钟` : `${seconds} 秒`;
}
