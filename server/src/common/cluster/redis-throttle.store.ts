import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { MemoryThrottleStore, type ThrottleStore, type ThrottleWindow } from '../auth/login-throttle';

/** Deletes the lock only if it is still ours (it may have lapsed and been taken by another). */
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

/**
 * Failure counts shared by all instances: INCR + PEXPIRE in one round trip. If Redis is unreachable
 * the check lets the login through (and logs): throttling protects against guessing, it must not
 * take the whole login down with it.
 */
export class RedisThrottleStore implements ThrottleStore {
  /** Locks this instance holds in Redis, with the token that proves it. */
  private readonly held = new Map<string, string>();
  /** While Redis is unreachable, locks still bound the work of this instance. */
  private readonly local = new MemoryThrottleStore();

  constructor(private readonly redis: Redis) {}

  async get(key: string, now: number): Promise<ThrottleWindow | null> {
    try {
      const [count, ttl] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
      if (!count || ttl <= 0) return null;
      return { failures: Number(count), resetAt: now + ttl };
    } catch {
      return null;
    }
  }

  async hit(key: string, windowMs: number, now: number): Promise<ThrottleWindow> {
    try {
      const result = await this.redis.multi().incr(key).pexpire(key, windowMs, 'NX').pttl(key).exec();
      const failures = Number(result?.[0]?.[1] ?? 1);
      const ttl = Number(result?.[2]?.[1] ?? windowMs);
      return { failures, resetAt: now + (ttl > 0 ? ttl : windowMs) };
    } catch {
      return { failures: 0, resetAt: now + windowMs };
    }
  }

  async clear(key: string): Promise<void> {
    await this.redis.del(key).catch(() => undefined);
  }

  /** SCAN with MATCH (never KEYS): an unlock walks the keyspace in batches without blocking Redis. */
  async clearMatching(prefix: string, matches: (key: string) => boolean): Promise<number> {
    const keyPrefix = this.redis.options.keyPrefix ?? '';
    const pattern = `${globEscape(keyPrefix + prefix)}*`;
    let cursor = '0';
    let cleared = 0;
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      // SCAN answers full key names; DEL adds the client's keyPrefix again, so strip it first.
      const own = keys.map((k) => k.slice(keyPrefix.length)).filter(matches);
      if (own.length > 0) cleared += await this.redis.del(...own);
    } while (cursor !== '0');
    return cleared;
  }

  async acquire(key: string, ttlMs: number, now: number): Promise<boolean> {
    if (!(await this.local.acquire(key, ttlMs, now))) return false;
    const token = randomBytes(9).toString('base64url');
    try {
      const taken = await this.redis.set(key, token, 'PX', ttlMs, 'NX');
      if (taken !== 'OK') {
        await this.local.release(key);
        return false;
      }
      this.held.set(key, token);
    } catch {
      // Redis is down: the local lock alone holds (one check at a time per account per instance).
    }
    return true;
  }

  async release(key: string): Promise<void> {
    await this.local.release(key);
    const token = this.held.get(key);
    if (token === undefined) return;
    this.held.delete(key);
    await this.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
  }
}

/** Redis glob patterns treat * ? [ ] and \\ specially. */
function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
