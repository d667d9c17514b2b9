import {
  Catch,
  Logger,
  MethodNotAllowedException,
  NotFoundException,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { allowedMethods } from '../http/route-methods';
import { mapError } from './error-body';

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly config: AppConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    if (exception instanceof NotFoundException && this.isWebAppRoute(request)) {
      void reply.header('Cache-Control', 'no-cache').sendFile('index.html');
      return;
    }
    if (exception instanceof NotFoundException && request.is404) {
      // No route for this method and path: if the path exists with other methods, say so (405).
      const allowed = allowedMethods(request.server, request.url);
      if (allowed.length > 0) {
        void reply.header('Allow', allowed.join(', '));
        sendError(reply, new MethodNotAllowedException(), this.logger, `${request.method} ${request.url}`);
        return;
      }
    }
    sendError(reply, exception, this.logger, `${request.method} ${request.url}`);
  }

  /** A page of the single-page web app (e.g. /exams/3 after a reload), not an API call. */
  private isWebAppRoute(request: FastifyRequest): boolean {
    return this.config.webDistDir !== null && request.method === 'GET' && !request.url.startsWith('/api');
  }
}

export function sendError(reply: FastifyReply, exception: unknown, logger: Logger, where: string): void {
  const mapped = mapError(exception);
  if (mapped.unexpected)
    logger.error(`${where} failed`, exception instanceof Error ? exception.stack : String(exception));
  else if (mapped.databaseDown)
    logger.warn(`${where}: ${mapped.body.message} (${String((exception as Error | null | undefined)?.message)})`);
  if (reply.sent) return;
  if (mapped.retryAfterSeconds !== undefined) void reply.header('Retry-After', String(mapped.retryAfterSeconds));
  void reply
    .status(mapped.status)
    .header('Cache-Control', 'no-store')
    .send({ ...mapped.body, requestId: reply.request.id });
}
