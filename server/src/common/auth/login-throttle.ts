import { usernameKey } from '@campus/shared';
import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { ChallengeRequiredException, type LoginChallenges } from './login-challenge';

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
   * Clears every count whose key starts with `prefix` and passes `matches` (an admin unlocking
   * accounts clears their counts from every address). Rare, so it may walk the keys.
   */
  clearMatching(prefix: string, matches: (key: string) => boolean): Promise<number>;
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

  async clearMatching(prefix: string, matches: (key: string) => boolean): Promise<number> {
    let cleared = 0;
    for (const key of [...this.windows.keys()]) {
      if (key.startsWith(prefix) && matches(key)) {
        this.windows.delete(key);
        cleared++;
      }
    }
    return cleared;
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

/** Limits (documented in the README, 登录安全). */
export const LOGIN_LIMITS = {
  /** Wrong passwords for one account from one address before the account is paused there. */
  perAccountFromAddress: 5,
  /** Wrong passwords for one account from anywhere before it is paused everywhere. */
  perAccount: 10,
  accountWindowMs: 15 * 60_000,
  /**
   * Wrong passwords from one address after which every login from it must carry a solved
   * challenge (a "hot" address). Campus NAT puts thousands of students behind one address, so a hot
   * address costs each of them about half a second of their phone's time, and refuses nobody.
   */
  hotAddress: 100,
  addressWindowMs: 10 * 60_000,
  /** Challenge difficulty at a hot address: ≈ 2^17 SHA-256 in the browser, about 0.5 s on a phone. */
  challengeBits: 17,
  /** One more bit each time the failures double beyond `hotAddress`, up to this (≈ 2 s on a phone). */
  maxChallengeBits: 19,
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
 * Guessing is bounded three ways, none of which refuses the right password of an account that is
 * not itself under attack (a classroom behind one campus NAT keeps signing in):
 * - per account and address: 5 wrong passwords pause that account from that address;
 * - per account: 10 from anywhere pause it everywhere (guessing spread over many addresses);
 * - per address: after 100 wrong passwords every login from it must carry a solved proof-of-work
 *   challenge (LoginChallenges), checked before any password hash. A person pays ≈ 0.5 s of their
 *   phone once per sign-in; a sprayer pays it per guess, and more as the failures grow.
 * A wrong old password in a password change counts exactly like a failed login. Everything is
 * checked before the slow hash, so a throttled attacker cannot make the server hash for them.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly store: ThrottleStore,
    private readonly challenges: LoginChallenges,
  ) {}

  /** The account's own pause, from this address or everywhere. */
  async assertAccountAllowed(username: string, address: string, now = Date.now()): Promise<void> {
    const [pair, account] = await Promise.all([
      this.store.get(pairKey(username, address), now),
      this.store.get(accountKey(username), now),
    ]);
    const paused = [
      pair && pair.failures >= LOGIN_LIMITS.perAccountFromAddress ? pair : null,
      account && account.failures >= LOGIN_LIMITS.perAccount ? account : null,
    ].filter((w): w is ThrottleWindow => w !== null);
    if (paused.length === 0) return;
    const seconds = Math.ceil((Math.max(...paused.map((w) => w.resetAt)) - now) / 1000);
    throw new TooManyAttemptsException(seconds, `该账号密码错误次数过多，请 ${formatWait(seconds)}后再试`);
  }

  /**
   * A hot address must answer a challenge: without a valid, unused solution this answers 428 with
   * a fresh challenge, before any password is checked.
   */
  async assertAddressCleared(
    address: string,
    proof: { challenge?: string; nonce?: string },
    now = Date.now(),
  ): Promise<void> {
    const window = await this.store.get(addressKey(address), now);
    if (!window || window.failures < LOGIN_LIMITS.hotAddress) return;
    const bits = challengeBits(window.failures);
    if (proof.challenge && proof.nonce) {
      if (await this.challenges.accept(address, proof.challenge, proof.nonce, bits, now)) return;
    }
    throw new ChallengeRequiredException(
      this.challenges.issue(address, bits, now),
      '当前网络近期登录失败较多，需要先完成安全验证（自动进行，约需 1 秒）',
    );
  }

  async recordFailure(username: string, address: string, now = Date.now()): Promise<void> {
    await Promise.all([
      this.store.hit(pairKey(username, address), LOGIN_LIMITS.accountWindowMs, now),
      this.store.hit(accountKey(username), LOGIN_LIMITS.accountWindowMs, now),
      this.store.hit(addressKey(address), LOGIN_LIMITS.addressWindowMs, now),
    ]);
  }

  /**
   * A failed single sign-on (a ticket or code the portal refused, a replayed one, a state that does
   * not match): counts toward the address's challenge like a wrong password. There is no account to
   * pause, since the portal, not this platform, checks the password.
   */
  async recordAddressFailure(address: string, now = Date.now()): Promise<void> {
    await this.store.hit(addressKey(address), LOGIN_LIMITS.addressWindowMs, now);
  }

  async recordSuccess(username: string, address: string): Promise<void> {
    await Promise.all([this.store.clear(pairKey(username, address)), this.store.clear(accountKey(username))]);
  }

  /**
   * The account's pause everywhere (10 wrong passwords from anywhere), for the admin's view. A pause
   * from one address (5 from there) is not shown: the address is the person's, not the account's.
   */
  async accountStatus(username: string, now = Date.now()): Promise<{ failures: number; lockedUntil: number | null }> {
    const window = await this.store.get(accountKey(username), now);
    if (!window) return { failures: 0, lockedUntil: null };
    const locked = window.failures >= LOGIN_LIMITS.perAccount;
    return { failures: window.failures, lockedUntil: locked ? window.resetAt : null };
  }

  /**
   * An admin unlocks accounts: their counts from everywhere and from every address are cleared, in
   * the shared store (Redis across instances when configured), so the people can sign in at once.
   * One walk of the per-address counts however many accounts (a bulk password reset).
   */
  async unlock(usernames: readonly string[]): Promise<void> {
    const keys = new Set(usernames.map((u) => usernameKey(u)));
    if (keys.size === 0) return;
    for (const key of keys) await this.store.clear(accountKey(key));
    // A pair key ends with `:<username key>`; 学号/工号 never contain ':' (USERNAME_PATTERN).
    await this.store.clearMatching(PAIR_PREFIX, (k) => keys.has(k.slice(k.lastIndexOf(':') + 1)));
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

const PAIR_PREFIX = 'login:pair:';

function pairKey(username: string, address: string): string {
  return `${PAIR_PREFIX}${address}:${usernameKey(username)}`;
}

function addressKey(address: string): string {
  return `login:addr:${address}`;
}

/** 17 bits at a hot address, one more each time its failures double, at most 19. */
export function challengeBits(failures: number): number {
  const doublings = Math.floor(Math.log2(Math.max(1, failures / LOGIN_LIMITS.hotAddress)));
  return Math.min(LOGIN_LIMITS.maxChallengeBits, LOGIN_LIMITS.challengeBits + doublings);
}

function formatWait(seconds: number): string {
  return seconds >= 60 ? `${Math.ceil(seconds / 60)} 分钟` : `${seconds} 秒`;
}
