import type { LoginResponse, RosterImportResult, SessionUser } from '@campus/shared';
import { TokenService } from '../src/common/auth/token.service';
import { ADMIN, TestApp } from './harness';
import { rosterCsvUtf8, student } from './factories/roster.factory';

describe('login and passwords', () => {
  let t: TestApp;
  let admin: string;
  /** The random initial passwords the import answered, by 学号. */
  const initial = new Map<string, string>();

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    const file = rosterCsvUtf8([
      student('2025200101', '登录甲', '测试学院', '测试2025-1班'),
      student('2025200102', '登录乙', '测试学院', '测试2025-1班'),
      student('2025200103', '登录丙', '测试学院', '测试2025-1班'),
      student('2025200104', '登录丁', '测试学院', '测试2025-1班', '2025', { password: 'Chosen#1' }),
    ]);
    const imported = await t.upload<RosterImportResult>('/api/roster/import', file, 'r.csv', admin);
    expect(imported.status).toBe(201);
    for (const p of imported.body.initialPasswords ?? []) initial.set(p.username, p.password);
  });
  afterAll(() => t.close());

  const login = (username: string, password: string, remoteAddress = '10.1.1.1') =>
    t.request<LoginResponse>('POST', '/api/auth/login', { body: { username, password }, remoteAddress });

  it('logs in by 学号 with the initial password the import generated and returns the session user without secrets', async () => {
    const res = await login('2025200101', initial.get('2025200101')!);
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({
      id: expect.any(Number),
      username: '2025200101',
      name: '登录甲',
      role: 'student',
      collegeId: expect.any(Number),
      classId: expect.any(Number),
      mustChangePassword: true,
    });
    expect(res.raw.toString()).not.toMatch(/password_?hash|scrypt\$|init\$/i);
  });

  it('uses the 初始密码 column when the roster gives one', async () => {
    expect((await login('2025200104', 'Chosen#1')).status).toBe(200);
    expect((await login('2025200104', '200104')).status).toBe(401);
  });

  it('answers 401 in Chinese for a wrong password or an unknown account', async () => {
    const wrong = await login('2025200101', 'nope', '10.9.9.9');
    const unknown = await login('nobody', 'nope', '10.9.9.9');
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect((res.body as unknown as { message: string }).message).toBe('学号/工号或密码错误');
    }
  });

  it('forces the first-login password change before anything else', async () => {
    const { body } = await login('2025200101', initial.get('2025200101')!);
    const blocked = await t.request('GET', '/api/my/classes', { token: body.token });
    expect(blocked.status).toBe(403);
    expect((blocked.body as { message: string }).message).toBe('请先修改初始密码');
    expect((await t.request('GET', '/api/auth/me', { token: body.token })).status).toBe(200);
  });

  it('pauses an account after five wrong passwords with 429 and Retry-After, even for the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await login('2025200102', `wrong${i}`, '10.2.2.2')).status).toBe(401);
    const throttled = await login('2025200102', initial.get('2025200102')!, '10.2.2.2');
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect((throttled.body as unknown as { message: string }).message).toMatch(/次数过多/);
  });

  it('never locks out a classroom: classmates behind the same address still log in', async () => {
    for (let i = 0; i < 5; i++) await login('2025200102', `again${i}`, '10.3.3.3');
    expect((await login('2025200103', initial.get('2025200103')!, '10.3.3.3')).status).toBe(200);
    expect((await login('2025200101', initial.get('2025200101')!, '10.3.3.3')).status).toBe(200);
  });

  it('changes the password, ends the old sessions, and clears the forced change', async () => {
    const first = await login('2025200103', initial.get('2025200103')!);
    const oldToken = first.body.token;
    const weak = await t.request('POST', '/api/auth/password', {
      token: oldToken,
      body: { oldPassword: initial.get('2025200103')!, newPassword: 'short' },
    });
    expect(weak.status).toBe(400);
    expect((weak.body as { errors: Array<{ field: string }> }).errors[0]?.field).toBe('newPassword');
    const wrongOld = await t.request('POST', '/api/auth/password', {
      token: oldToken,
      body: { oldPassword: 'x', newPassword: 'Strong2026' },
    });
    expect(wrongOld.status).toBe(400);

    const changed = await t.request('POST', '/api/auth/password', {
      token: oldToken,
      body: { oldPassword: initial.get('2025200103')!, newPassword: 'Strong2026' },
    });
    expect(changed.status).toBe(204);
    expect((await t.request('GET', '/api/auth/me', { token: oldToken })).status).toBe(401);
    expect((await login('2025200103', initial.get('2025200103')!)).status).toBe(401);

    const fresh = await login('2025200103', 'Strong2026');
    expect(fresh.body.user.mustChangePassword).toBe(false);
    const me = await t.request<SessionUser>('GET', '/api/auth/me', { token: fresh.body.token });
    expect(me.body.username).toBe('2025200103');
  });

  it('rejects forged, tampered and expired tokens', async () => {
    const token = await t.login(ADMIN.username, ADMIN.password);
    const [payload, signature] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sub: 1, v: 0, exp: 4102444800 })).toString('base64url');
    for (const bad of ['garbage', `${forgedPayload}.${signature}`, `${payload}.AAAA`, '']) {
      expect((await t.request('GET', '/api/auth/me', { token: bad })).status).toBe(401);
    }
    const tokens = t.get(TokenService);
    const expired = tokens.issue(1, 0, Date.now() - 13 * 3600 * 1000);
    expect((await t.request('GET', '/api/auth/me', { token: expired })).status).toBe(401);
  });

  it('sets helmet security headers: the full set on pages, the relevant ones on API answers', async () => {
    const api = await t.request('GET', '/api/health');
    expect(api.body).toEqual({ status: 'ok', db: process.env.DATABASE_URL ? 'mysql' : 'sqlite' });
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['x-frame-options']).toBe('SAMEORIGIN');
    const page = await t.request('GET', '/api/docs');
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });
});
