import { BadRequestException } from '@nestjs/common';
import type { ApiErrorItem } from '@campus/shared';
import type { FastifyInstance } from 'fastify';
import { MAX_JSON_DEPTH } from './json-body';

/**
 * Control characters other than tab and line breaks (NUL truncates text in C libraries and some
 * drivers), and the bidirectional embedding/override/isolate controls U+202A–U+202E and
 * U+2066–U+2069, which make `…\u202Egnp.exe` display as `…exe.png` — a spoofing trick of exactly
 * the kind this platform teaches students to notice. No field of the API has a use for them.
 */
function isForbiddenControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
}

function isBidiControl(code: number): boolean {
  return (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Keys that reach an object's prototype when copied with Object.assign or a naive merge. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const LONE_SURROGATE = '含有无效的 Unicode 字符（不成对的代理项）';

/** Why a text cannot be stored, or null when it can. One pass over its UTF-16 code units. */
export function unsafeTextReason(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) {
      if (isForbiddenControl(code)) return '含有不可见的控制字符（如 NUL）';
    } else if (isBidiControl(code)) {
      return '含有改变文字方向的控制字符（如 U+202E），可能被用来伪装文件名或链接';
    } else if (isHighSurrogate(code)) {
      // A pair is one character (an emoji); half of one (JSON "\ud83d") is not text at all.
      if (!isLowSurrogate(text.charCodeAt(i + 1))) return LONE_SURROGATE;
      i++;
    } else if (isLowSurrogate(code)) {
      return LONE_SURROGATE;
    }
  }
  return null;
}

function fieldName(path: string, key: string | number): string {
  return path ? `${path}.${key}` : String(key);
}

function refuse(field: string, message: string): BadRequestException {
  const item: ApiErrorItem = { field, message };
  return new BadRequestException({ message, errors: [item] });
}

/**
 * Walks a request's body, query or path parameters once, before anything transforms or validates
 * them, and refuses the first value no route may receive: unsafe text (in values and keys),
 * prototype keys, numbers JavaScript cannot hold exactly (`1e309` is Infinity, `2**53 + 1` rounds),
 * and nesting deeper than the JSON parser allows. Iterative, so no input can overflow the stack.
 */
export function assertSafeInput(value: unknown, root = ''): void {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    const field = path || 'body';
    if (typeof current === 'string') {
      const reason = unsafeTextReason(current);
      if (reason) throw refuse(field, `「${field}」${reason}`);
    } else if (typeof current === 'number') {
      if (!Number.isFinite(current) || Math.abs(current) > Number.MAX_SAFE_INTEGER)
        throw refuse(field, `「${field}」超出允许的数值范围`);
    } else if (current !== null && typeof current === 'object') {
      if (depth >= MAX_JSON_DEPTH) throw refuse(field, `「${field}」嵌套过深（最多 ${MAX_JSON_DEPTH} 层）`);
      if (Array.isArray(current)) {
        // Pushed last to first, so the first offending field is the one reported.
        for (let index = current.length - 1; index >= 0; index--)
          stack.push({ value: current[index] as unknown, path: fieldName(path, index), depth: depth + 1 });
        continue;
      }
      for (const key of Object.keys(current).reverse()) {
        const child = fieldName(path, key);
        if (FORBIDDEN_KEYS.has(key)) throw refuse(child, `不支持的字段「${child}」`);
        const reason = unsafeTextReason(key);
        if (reason) throw refuse(child, `字段名${reason}`);
        stack.push({ value: (current as Record<string, unknown>)[key], path: child, depth: depth + 1 });
      }
    }
  }
}

/**
 * One check for every route, whatever its DTO or pipe: body, query string and path parameters
 * pass `assertSafeInput` before validation (preValidation runs after parsing, before the handler).
 */
export function registerInputGuard(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    try {
      assertSafeInput(request.params);
      assertSafeInput(request.query);
      assertSafeInput(request.body);
      done();
    } catch (error) {
      done(error as Error);
    }
  });
}
