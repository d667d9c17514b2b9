import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { CacheBus } from './cache-bus';
import { createRedis, REDIS } from './redis.provider';

/** What several instances of the server share: Redis (optional) and cache invalidation. */
@Global()
@Module({
  providers: [{ provide: REDIS, inject: [AppConfig], useFactory: createRedis }, CacheBus],
  exports: [REDIS, CacheBus],
})
export class ClusterModule {}
