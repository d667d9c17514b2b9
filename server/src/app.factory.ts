import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { JsonLogger } from './common/logging/json-logger';
import { registerRequestContext, requestIdFor } from './common/logging/request-context';
import { AdmissionControl, registerAdmission } from './common/http/admission';
import { answerClientError, answerFrameworkError } from './common/errors/framework-errors';
import { applyRouteBodyLimits, BODY_LIMITS } from './common/http/body-limit';
import { registerInputGuard } from './common/http/input-guard';
import { registerJsonBodyParser } from './common/http/json-body';
import { trackRouteMethods } from './common/http/route-methods';
import { registerSecurityHeaders } from './common/http/security-headers';
import { PasswordHasher } from './common/auth/password-hasher';
import { mysqlPoolCounts, registerMetrics } from './common/observability/metrics';
import { PasswordUpgrader } from './modules/auth/password-upgrader';
import { NotifyWorker } from './modules/notify/notify-worker';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { createValidationPipe } from './common/http/validation';
import { setEventStreamCapacity } from './common/live/event-stream';
import { AppConfig } from './config/app-config';
import { failoverOf } from './database/data-source-options';
import { ReadReplicas } from './database/read-replicas';
import { Sql } from './database/sql';

/** Builds the whole application: the API under /api, its OpenAPI docs, and the web app. */
export async function createApp(
  config: AppConfig,
  options: { logger?: boolean; logDestination?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  const logger = new JsonLogger(options.logger === false ? 'silent' : config.logLevel, options.logDestination);
  const adapter = new FastifyAdapter({
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMITS.default,
    return503OnClosing: true,
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    genReqId: requestIdFor,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger,
    bufferLogs: false,
    abortOnError: false,
    // JSON only, parsed by registerJsonBodyParser (depth-checked); Nest's urlencoded parser is not wanted.
    bodyParser: false,
  });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  setEventStreamCapacity(config.maxEventStreams);
  const admission = new AdmissionControl({
    maxInFlight: config.admissionMaxInFlight,
    busyLagMs: 60,
    overloadLagMs: 250,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // First: even a request refused at the door answers with its id.
  registerRequestContext(fastify);
  registerAdmission(fastify, admission);
  const hasher = app.get(PasswordHasher);
  // Slow hashes that can wait give way to students answering (exam day: see PasswordHasher.yieldTo).
  hasher.yieldTo(() => admission.studentsAnswering);
  const upgrader = app.get(PasswordUpgrader);
  const dataSource = app.get(DataSource);
  const notifyWorker = app.get(NotifyWorker);
  const replicas = app.get(ReadReplicas);
  const sql = app.get(Sql);
  registerMetrics(
    fastify,
    {
      admission,
      hashQueue: () => hasher.queueDepth,
      passwordUpgrades: () => upgrader.queued,
      pool: () => mysqlPoolCounts((dataSource.driver as unknown as { pool?: unknown }).pool ?? {}),
      notifyOutbox: () => notifyWorker.snapshot,
      database: () => {
        const failover = failoverOf(dataSource.options);
        return {
          replicas: replicas.status(),
          replicaFallbacks: replicas.fallbacks,
          retries: sql.retries,
          hotStatements: sql.hotStatements,
          failover: failover ? { node: failover.current + 1, switches: failover.switches } : null,
        };
      },
    },
    config.metricsToken,
  );
  registerSecurityHeaders(fastify);
  registerJsonBodyParser(fastify);
  applyRouteBodyLimits(fastify);
  trackRouteMethods(fastify);
  registerInputGuard(fastify);
  await app.register(fastifyMultipart, { limits: { fileSize: 500 * 1024 * 1024, files: 1, fields: 20 } });

  if (config.apiDocs) {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('校园反诈学习考试平台 API')
        .setDescription(
          '除登录与健康检查外，所有接口需要 Authorization: Bearer <token>。错误统一为 { statusCode, message, errors, requestId }；每个应答带 X-Request-Id 头（可由调用方传入）。',
        )
        .setVersion('1.0')
        .addBearerAuth()
        .addSecurityRequirements('bearer')
        .build(),
    );
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
  }

  if (config.webDistDir && existsSync(join(config.webDistDir, 'index.html'))) {
    await serveWebApp(app, config.webDistDir);
  }
  return app;
}

/**
 * The built web app from the same port. A GET for any other non-API path is answered with
 * index.html by AllExceptionsFilter (client-side routing).
 */
async function serveWebApp(app: NestFastifyApplication, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    // The build writes .br and .gz beside each text file (web/build/precompress-plugin.ts): the
    // smallest one the browser accepts is sent, with no compression work per request.
    preCompressed: true,
    setHeaders: (res, path) => {
      // Hashed assets never change; index.html must be fetched fresh to pick up a new release.
      res.header('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}

export async function bootstrap(): Promise<void> {
  const config = new AppConfig();
  const app = await createApp(config);
  // Connections not yet accepted may queue up to this many (the kernel caps it at somaxconn): at a
  // 课堂快问 bell or the start of an exam thousands of phones connect within seconds, and with
  // Node's default of 511 some were reset while the event loop was busy (pnpm bench:quiz).
  await app.listen({ port: config.port, host: '0.0.0.0', backlog: 4096 });
  new Logger('Bootstrap').log(
    `校园反诈学习考试平台 listening on http://localhost:${config.port} (${config.databaseKind})`,
  );
}
