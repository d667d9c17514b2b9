import { BadRequestException, HttpException, HttpStatus } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

/**
 * The deepest nesting any request body of the API needs is 4 (an exam's `paper.rules[i].count`);
 * 8 leaves room. A 2 MB body of `[[[[…` made JSON.parse block the event loop for seconds and
 * class-transformer overflow its stack (500), so depth is measured on the raw text first.
 */
export const MAX_JSON_DEPTH = 8;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * Whether the JSON text nests deeper than `max`, found in one pass over the characters without
 * parsing (brackets inside strings do not count). Malformed text is left to JSON.parse.
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > max) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
    }
  }
  return false;
}

/** Parses a JSON request body, refusing empty, malformed and too deeply nested text with a Chinese 400. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new BadRequestException('请求体为空：声明了 JSON 格式却没有内容');
  if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH))
    throw new BadRequestException(`请求体嵌套过深（最多 ${MAX_JSON_DEPTH} 层）`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequestException('请求体不是合法的 JSON');
  }
}

/**
 * The API reads JSON only (files arrive as multipart, registered by @fastify/multipart). Fastify's
 * text/plain and Nest's urlencoded parsers are not registered, so any other content type is 415.
 * Size is limited per route (see body-limit.ts) by Fastify before the parser runs.
 */
export function registerJsonBodyParser(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  // One route takes a form body: the CAS server's single-logout POST (FormBody below). Every other
  // route answers it 415, as it would any content type but JSON.
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (request, body, done) => {
    const config = request.routeOptions.config as unknown as Record<string, unknown> | undefined;
    if (config?.[FORM_BODY_KEY] !== true) {
      done(
        new HttpException(
          '不支持的内容类型：请以 application/json 提交（上传文件用 multipart/form-data）',
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        ),
        undefined,
      );
      return;
    }
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

const FORM_BODY_KEY = 'formBody';

/**
 * Lets a route read an `application/x-www-form-urlencoded` body of at most `bytes` (it replaces
 * @BodyLimit on that route). Only for callers that cannot send JSON: the CAS single-logout POST.
 */
export const FormBody = (bytes: number): MethodDecorator => RouteConfig({ [FORM_BODY_KEY]: true, bodyLimit: bytes });
