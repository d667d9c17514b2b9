import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { ALL_ROLES, Role } from '@campus/shared';
import { getMetadataStorage } from 'class-validator';
import { PasswordHasher } from '../src/common/auth/password-hasher';
import { User } from '../src/modules/users/user.entity';
import { TestApp, type TestResponse } from './harness';
import { courseInput } from './factories/course.factory';
import { createQuestion, examInput, publishedExam, singleQuestion } from './factories/exam.factory';
import { collegeAdmin, rosterCsvUtf8, student, teacher } from './factories/roster.factory';
import { routeTable, type RouteInfo } from './route-table';

/**
 * Hostile input to every route as every role, generated from a fixed seed so that a failure can
 * be replayed: deeply nested and oversized bodies, wrong types, unicode edge cases, huge and
 * negative numbers, NaN-like text, prototype keys, hostile query strings and path parameters.
 * No answer may be a 500, none may take 2 s, and the server must be healthy and fast afterwards.
 */

const SEED = 0x5ec0de;
const CASES_PER_ROUTE_AND_ROLE = 6;
/**
 * A request this long is hung (a backtracking pattern, a loop over a hostile size), not slow: speed
 * is for the benches, which print it; this only catches work without a bound. The slowest request
 * is printed either way.
 */
const HUNG_MS = 15_000;

/** mulberry32: small, fast, and the same sequence on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE_TEXT = [
  '\u0000',
  'a\u0000b',
  '\u202egnp.exe',
  '\u2066隔离\u2069',
  '\u202a\u202b\u202c\u202d',
  '\ud800',
  'x\udc00',
  '😀🎉👨‍👩‍👧',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x10',
  '-1',
  '999999999999999999999',
  '',
  ' ',
  'true',
  'null',
  '__proto__',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '%00%27',
  '2026-13-45',
  '诈'.repeat(3000),
];

const HOSTILE_VALUES: unknown[] = [
  ...HOSTILE_TEXT,
  0,
  -1,
  1.5,
  -2147483649,
  Number.MAX_SAFE_INTEGER,
  1e21,
  true,
  false,
  null,
  [],
  {},
  [null],
  ['A', 'Z', 'AA'],
  [1, 'a', {}],
  { nested: { deeper: ['\u0000'] } },
  Array.from({ length: 300 }, (_, i) => i),
  'x'.repeat(100_000),
];

/** Raw JSON numbers no JavaScript value writes: Infinity and a rounded 2^53 + 1. */
const RAW_NUMBERS = ['1e309', '-1e309', '9007199254740993', '1' + '0'.repeat(400)];

const PATH_VALUES = [
  '1',
  '2',
  '0',
  '-1',
  '1e309',
  '0x10',
  '1.5',
  '99999999999999999999',
  'abc',
  '%E4%B8%AD',
  '%00',
  '%E2%80%AE',
  '%E4',
];

type Payload = { body?: unknown; payload?: Buffer; headers?: Record<string, string> };

interface RouteShape {
  bodyFields: string[];
  queryFields: string[];
}

/** The fields of the DTOs a route's @Body() and @Query() are typed with, read from Nest's metadata. */
function routeShapes(t: TestApp): Map<string, RouteShape> {
  const shapes = new Map<string, RouteShape>();
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
          string,
          { index: number }
        >;
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype as object, name) ??
          []) as unknown[];
        const shape: RouteShape = { bodyFields: [], queryFields: [] };
        for (const [key, { index }] of Object.entries(args)) {
          const kind = key.split(':')[0];
          const type = types[index];
          if (typeof type !== 'function') continue;
          const fields = getMetadataStorage()
            .getTargetValidationMetadatas(type, '', true, false)
            .map((m) => m.propertyName);
          if (kind === String(RouteParamtypes.BODY)) shape.bodyFields.push(...new Set(fields));
          if (kind === String(RouteParamtypes.QUERY)) shape.queryFields.push(...new Set(fields));
        }
        shapes.set(`${controller.name}.${name}`, shape);
      }
    }
  }
  return shapes;
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

function nested(depth: number, open: string, close: string): string {
  return open.repeat(depth) + '1' + close.repeat(depth);
}

/** One hostile request body: the route's own fields with hostile values, or a hostile document. */
function hostileBody(next: () => number, fields: string[]): Payload {
  const json = (text: string): Payload => ({
    payload: Buffer.from(text),
    headers: { 'content-type': 'application/json' },
  });
  const kind = Math.floor(next() * 11);
  const named = fields.length > 0 ? fields : ['title', 'answer', 'classId', 'username'];
  switch (kind) {
    case 0:
      return json(nested(9 + Math.floor(next() * 5000), '[', ']'));
    case 1:
      return json(nested(9 + Math.floor(next() * 2000), '{"a":', '}'));
    case 2:
      return json(`{"${pick(next, named)}":"${'x'.repeat(300 * 1024 + Math.floor(next() * 2_000_000))}"}`);
    case 3:
      return json(`{"${pick(next, named)}":${pick(next, RAW_NUMBERS)}}`);
    case 4:
      return json(`{"__proto__":{"role":"sysadmin"},"constructor":{"prototype":{"admin":true}}}`);
    case 5:
      return pick(next, [{}, { body: {} }, { body: [] }, { body: [{}] }]);
    case 6:
      return pick(next, [
        { payload: Buffer.from('{"a":'), headers: { 'content-type': 'application/json' } },
        { payload: Buffer.alloc(0), headers: { 'content-type': 'application/json' } },
        { payload: Buffer.from('"text"'), headers: { 'content-type': 'application/json' } },
        { payload: Buffer.from('a=1&__proto__=x'), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        { payload: Buffer.from('<xml/>'), headers: { 'content-type': 'text/xml' } },
        { payload: Buffer.from('\u0000\u0001'), headers: { 'content-type': 'application/json; charset=utf-16' } },
      ]);
    default: {
      // The DTO's own fields, each with a hostile value of a random kind.
      const body: Record<string, unknown> = {};
      for (const field of named) if (next() < 0.8) body[field] = pick(next, HOSTILE_VALUES);
      if (next() < 0.1) body.unexpected = pick(next, HOSTILE_VALUES);
      return { body };
    }
  }
}

/** Percent-encodes text; a lone surrogate becomes the bytes of one (ED A0 80), which is not UTF-8. */
function encodeQueryValue(text: string): string {
  let encoded = '';
  for (const character of text) {
    try {
      encoded += encodeURIComponent(character);
    } catch {
      encoded += '%ED%A0%80';
    }
  }
  return encoded;
}

/** A hostile query string over the route's own query fields (and paging). */
function hostileQuery(next: () => number, fields: string[]): string {
  const names = [...new Set([...fields, 'page', 'pageSize'])];
  const parts: string[] = [];
  for (const name of names) {
    if (next() < 0.5) continue;
    const value = encodeQueryValue(pick(next, HOSTILE_TEXT).slice(0, 200));
    parts.push(`${name}=${value}`);
    if (next() < 0.15) parts.push(`${name}=${value}`); // the same parameter twice: an array
  }
  if (next() < 0.1) parts.push('page=%ZZ', '__proto__=1');
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

function hostilePath(next: () => number, path: string): string {
  return path.replace(/:[A-Za-z]+/g, () => pick(next, PATH_VALUES));
}

const CHINESE = /[\u4e00-\u9fff]/;

describe('fuzz: hostile input to every route as every role', () => {
  let t: TestApp;
  const tokens = new Map<Role | 'anonymous', string | undefined>();
  let routes: RouteInfo[];
  let shapes: Map<string, RouteShape>;

  beforeAll(async () => {
    t = await TestApp.start();
    const admin = await t.adminToken();
    const roster = rosterCsvUtf8([
      student('2025700101', '模糊学生', '模糊学院', '模糊2025-1班'),
      teacher('T7001', '模糊老师', '模糊学院', '模糊2025-1班'),
      collegeAdmin('XY7001', '模糊院管理员', '模糊学院'),
      ['XS7001', '模糊学生处', '学校管理员', '', '', '', '', '', ''],
    ]);
    expect((await t.upload('/api/roster/import', roster, 'r.csv', admin)).status).toBe(201);
    const hash = await t.get(PasswordHasher).hash('Fuzz2026pw');
    await t.dataSource
      .getRepository(User)
      .createQueryBuilder()
      .update()
      .set({ passwordHash: hash, mustChangePassword: false })
      .where('role != :r', { r: Role.Sysadmin })
      .execute();
    const accounts: Record<Role, string> = {
      [Role.Sysadmin]: 'admin',
      [Role.SchoolAdmin]: 'XS7001',
      [Role.CollegeAdmin]: 'XY7001',
      [Role.Teacher]: 'T7001',
      [Role.Student]: '2025700101',
    };
    for (const role of ALL_ROLES)
      tokens.set(role, role === Role.Sysadmin ? admin : await t.login(accounts[role], 'Fuzz2026pw'));
    tokens.set('anonymous', undefined);

    // Records with ids 1 and 2, so that hostile bodies reach the services, not only "not found".
    const questions = [];
    for (let i = 0; i < 2; i++) questions.push(await createQuestion(t, admin, singleQuestion()));
    for (let i = 0; i < 2; i++)
      await publishedExam(t, admin, examInput({ paper: { questionIds: questions.map((q) => q.id) } }));
    for (let i = 0; i < 2; i++) await t.request('POST', '/api/courses', { token: admin, body: courseInput() });
    // Loading the starter content is slow by nature (hundreds of inserts) and not what is under
    // test; done once here, the fuzz's calls find nothing missing.
    for (const route of routeTable(t.app).filter((r) => r.method === 'POST' && r.path.endsWith('/seed')))
      expect((await t.request('POST', route.path, { token: admin })).status).toBeLessThan(300);

    routes = routeTable(t.app);
    shapes = routeShapes(t);
  });
  afterAll(() => t.close());

  it('never answers 500 or takes 2 s, always explains in Chinese, and leaves the server healthy', async () => {
    const next = random(SEED);
    const failures: string[] = [];
    let requests = 0;
    let slowest = { ms: 0, what: '' };
    const started = Date.now();

    for (const route of routes) {
      const shape = shapes.get(`${route.controller}.${route.handler}`) ?? { bodyFields: [], queryFields: [] };
      for (const [role, token] of tokens) {
        for (let i = 0; i < CASES_PER_ROUTE_AND_ROLE; i++) {
          const url = `${hostilePath(next, route.path)}${hostileQuery(next, shape.queryFields)}`;
          const input: Payload = route.method === 'GET' ? {} : hostileBody(next, shape.bodyFields);
          const what = `${role} ${route.method} ${url.slice(0, 120)} ${(input.payload?.toString('utf8') ?? String(JSON.stringify(input.body))).slice(0, 80)}`;
          const before = Date.now();
          const res: TestResponse<{ statusCode?: number; message?: string }> = await t.request(route.method, url, {
            token,
            ...input,
          });
          const ms = Date.now() - before;
          requests++;
          if (ms > slowest.ms) slowest = { ms, what };
          if (ms > HUNG_MS) failures.push(`${ms} ms: ${what}`);
          if (res.status >= 500) failures.push(`${res.status}: ${what} → ${JSON.stringify(res.body).slice(0, 160)}`);
          else if (
            res.status >= 400 &&
            (typeof res.body !== 'object' ||
              res.body.statusCode !== res.status ||
              !CHINESE.test(res.body.message ?? ''))
          )
            failures.push(`not Chinese: ${res.status} ${what} → ${JSON.stringify(res.body).slice(0, 160)}`);
        }
      }
    }

    const healthStarted = Date.now();
    const health = await t.request<{ status: string }>('GET', '/api/health');
    const healthMs = Date.now() - healthStarted;
    console.log(
      `fuzz: ${routes.length} routes × ${tokens.size} roles × ${CASES_PER_ROUTE_AND_ROLE} cases = ${requests} requests ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s; slowest ${slowest.ms} ms (${slowest.what.slice(0, 140)}); ` +
        `health afterwards ${healthMs} ms`,
    );
    expect(failures).toEqual([]);
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
  }, 300_000);
});
