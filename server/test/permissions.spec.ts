import { ForbiddenException, type ExecutionContext } from '@nestjs/common';
import { type Reflector } from '@nestjs/core';
import { ALL_ROLES, Role, type Page, type UserDto } from '@campus/shared';
import { AuthGuard, ruleAllows } from '../src/common/auth/auth.guard';
import { PasswordHasher } from '../src/common/auth/password-hasher';
import type { PrincipalCache } from '../src/common/auth/principal-cache';
import type { TokenService } from '../src/common/auth/token.service';
import { User } from '../src/modules/users/user.entity';
import { TestApp } from './harness';
import { collegeAdmin, rosterCsvUtf8, student, teacher } from './factories/roster.factory';
import { routeTable, type RouteInfo } from './route-table';

const PASSWORD = 'Matrix2026';
const ACCOUNTS: Record<Role, string> = {
  [Role.Student]: '2025300101',
  [Role.Teacher]: 'T3001',
  [Role.CollegeAdmin]: 'XY3001',
  [Role.SchoolAdmin]: 'XS3001',
  [Role.Sysadmin]: 'admin',
};

/** Jest's limit for a test that walks the whole route table (several hundred requests). */
const WALK_TIMEOUT_MS = 240_000;
describe('permissions', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  let routes: RouteInfo[];

  beforeAll(async () => {
    t = await TestApp.start();
    const admin = await t.adminToken();
    const file = rosterCsvUtf8([
      student('2025300101', '矩阵学生', '甲学院', '甲2025-1班'),
      student('2025310101', '乙院学生', '乙学院', '乙2025-1班'),
      teacher('T3001', '矩阵老师', '甲学院', '甲2025-1班'),
      collegeAdmin('XY3001', '甲院管理员', '甲学院'),
      ['XS3001', '学生处', '学校管理员', '', '', '', '', '', ''],
    ]);
    expect((await t.upload('/api/roster/import', file, 'r.csv', admin)).status).toBe(201);
    // Skip the forced first-login change for the matrix: that rule has its own test.
    const hash = await t.get(PasswordHasher).hash(PASSWORD);
    await t.dataSource
      .getRepository(User)
      .createQueryBuilder()
      .update()
      .set({ passwordHash: hash, mustChangePassword: false })
      .where('role != :r', { r: Role.Sysadmin })
      .execute();
    for (const role of ALL_ROLES)
      tokens[role] = role === Role.Sysadmin ? admin : await t.login(ACCOUNTS[role], PASSWORD);
    routes = routeTable(t.app);
  });
  afterAll(() => t.close());

  it('finds the routes of every controller', () => {
    expect(routes.length).toBeGreaterThanOrEqual(8);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'POST /api/roster/import',
        'GET /api/users',
        // account management: every route is in the matrix below
        'POST /api/users',
        'POST /api/users/bulk',
        'GET /api/users/:id',
        'PATCH /api/users/:id',
        'POST /api/users/:id/disable',
        'POST /api/users/:id/enable',
        'POST /api/users/:id/unlock',
        'POST /api/users/:id/password-reset',
        'GET /api/departments',
      ]),
    );
  });

  it('has an access rule declared on every route', () => {
    const undeclared = routes.filter((r) => !r.rule).map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`);
    expect(undeclared).toEqual([]);
  });

  // Walks every route, so it grows with the route table: its own time limit, not the default minute.
  it(
    'answers every role × every route as the permission table says',
    async () => {
      const mismatches: string[] = [];
      for (const route of routes) {
        const url = route.path.replace(/:[A-Za-z]+/g, '1');
        for (const role of ALL_ROLES) {
          const res = await t.request(route.method, url, {
            token: tokens[role],
            body: route.method === 'GET' ? undefined : {},
          });
          if (!route.rule) continue;
          const allowed = ruleAllows(route.rule, role);
          // A permitted caller may still be refused the record (403 from scoping), never by the guard:
          // the guard's refusal is the one with this message.
          const refused = res.status === 403 && (res.body as { message?: string }).message === '没有权限执行此操作';
          if (allowed === refused)
            mismatches.push(`${role} ${route.method} ${url}: ${res.status}, expected ${allowed ? 'access' : '403'}`);
        }
        if (route.rule?.kind !== 'public') {
          const anonymous = await t.request(route.method, url, { body: route.method === 'GET' ? undefined : {} });
          if (anonymous.status !== 401)
            mismatches.push(`anonymous ${route.method} ${url}: ${anonymous.status}, expected 401`);
        }
      }
      expect(mismatches).toEqual([]);
    },
    WALK_TIMEOUT_MS,
  );

  it('refuses a route that declares no access rule', async () => {
    const reflector = { getAllAndOverride: () => undefined } as unknown as Reflector;
    const guard = new AuthGuard(reflector, {} as TokenService, {} as PrincipalCache);
    const context = {
      getHandler: () => () => undefined,
      getClass: () => class Undeclared {},
      switchToHttp: () => ({ getRequest: () => ({ headers: {}, url: '/api/undeclared' }) }),
    } as unknown as ExecutionContext;
    await expect(guard.canActivate(context)).rejects.toBeInstanceOf(ForbiddenException);
  });

  it('keeps a college admin inside their own college', async () => {
    const token = tokens[Role.CollegeAdmin];
    const users = await t.request<Page<UserDto>>('GET', '/api/users?pageSize=200', { token });
    expect(users.body.items.length).toBeGreaterThan(0);
    expect(new Set(users.body.items.map((u) => u.collegeName))).toEqual(new Set(['甲学院']));

    const colleges = await t.request<Array<{ id: number; name: string }>>('GET', '/api/colleges', { token });
    expect(colleges.body.map((c) => c.name)).toEqual(['甲学院']);

    const all = await t.request<Array<{ id: number; name: string }>>('GET', '/api/colleges', {
      token: tokens[Role.SchoolAdmin],
    });
    const other = all.body.find((c) => c.name === '乙学院')!;
    expect((await t.request('GET', `/api/users?collegeId=${other.id}`, { token })).status).toBe(403);
    expect((await t.request('GET', `/api/classes?collegeId=${other.id}`, { token })).status).toBe(403);
    const searched = await t.request<Page<UserDto>>('GET', '/api/users?q=2025310101', { token });
    expect(searched.body.total).toBe(0);
  });

  it('shows a teacher the classes they teach', async () => {
    const res = await t.request<Array<{ name: string }>>('GET', '/api/my/classes', { token: tokens[Role.Teacher] });
    expect(res.body.map((c) => c.name)).toEqual(['甲2025-1班']);
  });

  it('never puts a password hash in a response', async () => {
    const bodies: string[] = [];
    for (const role of ALL_ROLES) {
      for (const route of routes.filter((r) => r.method === 'GET' && !r.path.includes(':'))) {
        bodies.push(
          (await t.request(route.method, `${route.path}?pageSize=200`, { token: tokens[role] })).raw.toString(),
        );
      }
    }
    bodies.push(
      (await t.request('POST', '/api/auth/login', { body: { username: 'XS3001', password: PASSWORD } })).raw.toString(),
    );
    for (const body of bodies) expect(body).not.toMatch(/password_?hash|scrypt\$|init\$/i);
  });
});
