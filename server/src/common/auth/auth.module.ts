import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';
import { AppConfig } from '../../config/app-config';
import { REDIS } from '../cluster/redis.provider';
import { RedisThrottleStore } from '../cluster/redis-throttle.store';
import { AccessService } from './access.service';
import { AuthGuard } from './auth.guard';
import { AuthSecret } from './auth-secret';
import { LoginChallenges } from './login-challenge';
import { LoginThrottle, MemoryThrottleStore, THROTTLE_STORE, type ThrottleStore } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { PrincipalCache } from './principal-cache';
import { TokenService } from './token.service';

/** Authentication, the global guard and record scoping: the platform's one place for access. */
@Global()
@Module({
  providers: [
    {
      provide: AuthSecret,
      inject: [AppConfig, getDataSourceToken()],
      useFactory: (config: AppConfig, dataSource: DataSource) => AuthSecret.load(config, dataSource),
    },
    {
      provide: THROTTLE_STORE,
      inject: [REDIS],
      useFactory: (redis: Redis | null): ThrottleStore =>
        redis ? new RedisThrottleStore(redis) : new MemoryThrottleStore(),
    },
    {
      provide: LoginThrottle,
      inject: [THROTTLE_STORE, AuthSecret],
      useFactory: (store: ThrottleStore, secret: AuthSecret) =>
        new LoginThrottle(store, new LoginChallenges(secret, store)),
    },
    PasswordHasher,
    TokenService,
    PrincipalCache,
    AccessService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthSecret, PasswordHasher, TokenService, PrincipalCache, AccessService, LoginThrottle],
})
export class AuthCoreModule {}
