import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

/**
 * Largest request body, per kind of route. Fastify refuses a larger one with 413 while it is
 * still arriving, before anything parses it. File uploads are multipart and keep their own
 * per-file limits (upload.ts), which this does not touch.
 */
export const BODY_LIMITS = {
  /** Login and password change: two short strings. */
  credentials: 4 * 1024,
  /** Saving one answer: a few option letters, on the hottest route of exam day. */
  answer: 1024,
  /** Every other JSON body: the longest plain-text fields (20 000 characters) fit with room. */
  default: 256 * 1024,
  /**
   * Rich text (lessons, letters): the DTOs take up to 200 000 characters of HTML as pasted (3 bytes
   * each in UTF-8); the sanitiser then keeps at most 64 KB of it.
   */
  richText: 640 * 1024,
  /** The initial passwords of one import sent back for the Excel table: ≤ 50,000 rows of ~80 bytes. */
  initialPasswords: 5 * 1024 * 1024,
} as const;

const CONFIG_KEY = 'bodyLimit';

/** Sets the largest body this route accepts; routes without it get `BODY_LIMITS.default`. */
export const BodyLimit = (bytes: number): MethodDecorator => RouteConfig({ [CONFIG_KEY]: bytes });

/**
 * Copies `@BodyLimit()` into Fastify's own per-route option as Nest registers each route. Must be
 * registered before the routes are (in createApp, before app.init()).
 */
export function applyRouteBodyLimits(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const limit = (route.config as Record<string, unknown> | undefined)?.[CONFIG_KEY];
    if (typeof limit === 'number') route.bodyLimit = limit;
  });
}
