import type { Redis } from 'ioredis';
import type { ThrottleStore, ThrottleWindow } from '../auth/login-throttle';

/**
 * Failure counts shared by all instances: INCR + PEXPIRE in one round trip. If Redis is unreachable
 * the check lets the login through (and logs): throttling protects against guessing, it must not
 * take the whole login down with it.
 */
export class RedisThrottleStore implements ThrottleStore {
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
}
