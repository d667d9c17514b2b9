import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import { currentRequestId } from './request-context';

/** Structured JSON logs (one object per line) for Nest's own logging and ours. */
export class JsonLogger implements LoggerService {
  readonly pino: Logger;

  constructor(level: string, destination?: DestinationStream) {
    this.pino = pino(
      {
        level,
        base: { service: 'campus-antifraud' },
        timestamp: pino.stdTimeFunctions.isoTime,
        // Every line written while a request is served names it, so one request's lines can be found.
        mixin: () => {
          const requestId = currentRequestId();
          return requestId === undefined ? {} : { requestId };
        },
      },
      destination,
    );
  }

  log(message: unknown, context?: string): void {
    this.pino.info({ context }, String(message));
  }

  error(message: unknown, stack?: string, context?: string): void {
    this.pino.error({ context, stack }, String(message));
  }

  warn(message: unknown, context?: string): void {
    this.pino.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.pino.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.pino.trace({ context }, String(message));
  }
}
