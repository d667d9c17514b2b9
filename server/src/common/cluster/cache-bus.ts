import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../../config/app-config';
import { REDIS } from './redis.provider';

export type Invalidation =
  | { kind: 'principal'; id: number }
  | { kind: 'exam'; id: number }
  /** An attempt was reset (deleted): its paper is forgotten everywhere. */
  | { kind: 'attempt'; id: number }
  | { kind: 'questions' }
  | { kind: 'alerts' }
  | { kind: 'school' }
  /** A 课堂快问 round started or closed early: screens watching it refresh now, not at the next tick. */
  | { kind: 'quick-quiz'; id: number };

/**
 * Tells every instance to drop a cached value. In-process caches (principals, exams, the question
 * pool) stay fast; when REDIS_URL is set, an eviction on one instance reaches the others through
 * Redis pub/sub within milliseconds (a password change ends the old tokens everywhere).
 */
@Injectable()
export class CacheBus implements OnModuleDestroy {
  private readonly logger = new Logger(CacheBus.name);
  private readonly listeners: Array<(message: Invalidation) => void> = [];
  private subscriber: Redis | null = null;

  private readonly channel: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis | null,
    config: AppConfig,
  ) {
    this.channel = `${config.redisPrefix}invalidate`;
    if (!redis) return;
    this.subscriber = redis.duplicate();
    this.subscriber.on('error', (error: Error) => this.logger.warn(`Redis subscriber: ${error.message}`));
    void this.subscriber
      .subscribe(this.channel)
      .catch((error: Error) => this.logger.warn(`subscribe failed: ${error.message}`));
    this.subscriber.on('message', (_channel: string, raw: string) => {
      try {
        this.deliver(JSON.parse(raw) as Invalidation);
      } catch {
        // a message we do not understand
      }
    });
  }

  on(listener: (message: Invalidation) => void): void {
    this.listeners.push(listener);
  }

  /** Drops the value here at once and, with Redis, on every other instance too. */
  publish(message: Invalidation): void {
    this.deliver(message);
    if (this.redis) void this.redis.publish(this.channel, JSON.stringify(message)).catch(() => undefined);
  }

  private deliver(message: Invalidation): void {
    for (const listener of this.listeners) listener(message);
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscriber?.quit().catch(() => undefined);
    await this.redis?.quit().catch(() => undefined);
  }
}
