import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { AppConfig } from '../../config/app-config';

export const REDIS = Symbol('Redis');

/**
 * The Redis connection when REDIS_URL is set (several instances behind a load balancer), else null
 * and every shared concern falls back to this process. Commands fail fast while Redis is down
 * instead of queueing forever.
 */
export function createRedis(config: AppConfig): Redis | null {
  if (!config.redisUrl) return null;
  const logger = new Logger('Redis');
  const redis = new Redis(config.redisUrl, {
    keyPrefix: config.redisPrefix,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    lazyConnect: false,
  });
  redis.on('error', (error: Error) => logger.warn(`Redis: ${error.message}`));
  return redis;
}
