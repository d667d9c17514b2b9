import {
  SSO_REQUIRED,
  SSO_SYSADMIN_REFUSED,
  SSO_UNKNOWN_USER,
  type AuditLogDto,
  type Page,
  type SessionUser,
  type SsoLoginResponse,
} from '@campus/shared';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { LoginThrottle } from '../src/common/auth/login-throttle';
import { PasswordHasher } from '../src/common/auth/password-hasher';
import { SsoTicket } from '../src/modules/auth/sso/sso-ticket.entity';
import { User } from '../src/modules/users/user.entity';
import { collegeAdmin, rosterCsvUtf8, student } from './factories/roster.factory';
import { ADMIN, TestApp } from './harness';
import { startCasTestServer, type CasTestServer } from './support/cas-test-server.mjs';
import { cookieFrom, freePort, locationOf, startSso } from './support/sso-browser';

const STUDENT = '2026990101';
const ROSTER_PASSWORD = 'Roster-Pw-2026';
const CAS_PASSWORD = 'Cas-Portal-Pw-1';
const CONTACT = '信息工程学院学工办（电话 0571-8888 1234）';
const XSD = readFileSync(join(__dirname, 'fixtures/cas/cas-protocol-3.0.xsd'), 'utf8');

async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'response.xml', contents: xml }],
    schema: [{ fileName: 'cas-protocol-3.0.xsd', contents: XSD }],
  });
  return result.errors.map((e) => e.message);
}

async function loadRoster(t: TestApp): Promise<void> {
  const admin = await t.adminToken();
  const file = rosterCsvUtf8([
    student(STUDENT, '林小雨', '信息工程学院', '信息2601', '2026', { password: ROSTER_PASSWORD }),
    student('2026990102', '周一鸣', '信息工程学院', '信息2601', '2026', { password: ROSTER_PASSWORD }),
    collegeAdmin('X0099', '郑老师', '信息工程学院'),
  ]);
  const res = await t.upload('/api/roster/import', file, 'r.csv', admin);
  if (res.status !== 201) throw new Error(`roster: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * The browser's whole journey: the platform's start, the CAS login form, the return through the
 * service URL to the web app's page, which posts ticket and state back.
 */
async function casLogin(
  t: TestApp,
  cas: CasTestServer,
  username: string,
  options: { redirect?: string; password?: string } = {},
) {
  const { portal, cookie } = await startSso(t, 'cas', options.redirect ?? '/');
  const service = portal.searchParams.get('service') ?? '';
  const form = await fetch(new URL('login', `${cas.url}/`), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password: options.password ?? CAS_PASSWORD, service, renew: '' }),
  });
  const back = new URL(form.headers.get('location') ?? '');
  const callback = await t.request('GET', `${back.pathname}${back.search}`, { headers: { cookie } });
  expect(callback.status).toBe(302);
  const page = locationOf(callback);
  expect(page.pathname).toBe('/sso/cas');
  const body = { ticket: page.searchParams.get('ticket') ?? '', state: page.searchParams.get('state') ?? '' };
  const res = await t.request<SsoLoginResponse & { code?: string; message?: string }>(
    'POST',
    '/api/auth/sso/cas/login',
    {
      body,
      headers: { cookie },
    },
  );
  return { res, body, cookie, service };
}

describe('CAS single sign-on (against a CAS 3.0 server on loopback)', () => {
  let cas: CasTestServer;
  let t: TestApp;
  let origin: string;

  beforeAll(async () => {
    cas = await startCasTestServer({
      anyPassword: CAS_PASSWORD,
      attributes: (user) => ({ cn: [`${user} 的姓名`], memberOf: ['学生', '信息工程学院'] }),
    });
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    t = await TestApp.start({
      SSO_CAS_URL: cas.url,
      SSO_PUBLIC_URL: `${origin},http://fzxx.example.edu.cn`,
      SSO_CONTACT: CONTACT,
    });
    // Listening for real: the CAS server's single-logout POST comes over HTTP.
    await t.app.listen(port, '127.0.0.1');
    await loadRoster(t);
  });
  afterAll(async () => {
    await t.close();
    await cas.close();
  });

  it('offers CAS on the login page and keeps passwords for everyone by default', async () => {
    const res = await t.request('GET', '/api/auth/sso');
    expect(res.body).toEqual({ cas: true, oidc: false, passwordLogin: 'all' });
  });

  it('signs a rostered student in, with no forced password change and no password hashing', async () => {
    const hasher = t.get(PasswordHasher);
    const verify = jest.spyOn(hasher, 'verify');
    const hash = jest.spyOn(hasher, 'hash');
    const { res } = await casLogin(t, cas, STUDENT, { redirect: '/exams' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: STUDENT, name: '林小雨', mustChangePassword: false, sso: true });
    expect(res.body.redirect).toBe('/exams');
    expect(verify).not.toHaveBeenCalled();
    expect(hash).not.toHaveBeenCalled();
    verify.mockRestore();
    hash.mockRestore();
    // The roster's initial password still waits to be changed, but not for this session.
    expect((await t.dataSource.getRepository(User).findOneByOrFail({ username: STUDENT })).mustChangePassword).toBe(
      true,
    );
    const me = await t.request<SessionUser>('GET', '/api/auth/me', { token: res.body.token });
    expect(me.body).toMatchObject({ mustChangePassword: false, sso: true });
    expect((await t.request('GET', '/api/my/exams', { token: res.body.token })).status).toBe(200);
    // A password session of the same person still has to change the initial password.
    const pw = await t.login(STUDENT, ROSTER_PASSWORD);
    const blocked = await t.request<{ code: string }>('GET', '/api/my/exams', { token: pw });
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('refuses an account that is not on the roster, says whom to contact, and creates nobody', async () => {
    const before = await t.dataSource.getRepository(User).count();
    const { res } = await casLogin(t, cas, 'wangwu');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe(SSO_UNKNOWN_USER);
    expect(res.body.message).toContain('wangwu');
    expect(res.body.message).toContain(CONTACT);
    expect(res.body).not.toHaveProperty('token');
    expect(await t.dataSource.getRepository(User).count()).toBe(before);
  });

  it('never signs a portal account into the platform’s 系统管理员, even when the names match', async () => {
    // A campus portal may well have an account called "admin": it is not this platform's sysadmin.
    const { res } = await casLogin(t, cas, ADMIN.username);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe(SSO_SYSADMIN_REFUSED);
    expect(res.body.message).toContain('请在登录页用密码登录');
    expect(res.body).not.toHaveProperty('token');
    // A college admin on the roster still signs in through the portal.
    expect((await casLogin(t, cas, 'X0099')).res.status).toBe(200);
  });

  it('writes CAS sign-ins to the audit log: who came in, and the refused account as typed at the portal', async () => {
    const admin = await t.adminToken();
    const lines = async (action: string) =>
      (
        await t.request<Page<AuditLogDto>>('GET', `/api/audit-logs?action=${action}&pageSize=50`, {
          token: admin,
        })
      ).body.items.filter((l) => (l.details as { method?: string } | null)?.method === 'cas');
    expect((await casLogin(t, cas, STUDENT)).res.status).toBe(200);
    expect((await casLogin(t, cas, 'zhaoliu')).res.status).toBe(403);
    expect((await lines('auth.login'))[0]).toMatchObject({
      actorName: '林小雨',
      object: '账号「林小雨」',
      summary: `${STUDENT} 林小雨 通过统一身份认证（CAS）登录`,
    });
    expect((await lines('auth.login-failed'))[0]).toMatchObject({
      actorId: null,
      actorName: 'zhaoliu',
      object: '账号「zhaoliu」',
      summary: '账号「zhaoliu」 通过统一身份认证（CAS）登录失败：未在本平台登记',
    });
  });

  it('uses a ticket once: a replay is refused without asking the CAS server again', async () => {
    const { res, body } = await casLogin(t, cas, '2026990102');
    expect(res.status).toBe(200);
    const asked = cas.responses.length;
    const again = await startSso(t, 'cas');
    const replay = await t.request<{ code: string }>('POST', '/api/auth/sso/cas/login', {
      body: {
        ticket: body.ticket,
        state: new URL(again.portal.searchParams.get('service') ?? '').searchParams.get('state'),
      },
      headers: { cookie: again.cookie },
    });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('SSO_TICKET_USED');
    expect(cas.responses.length).toBe(asked);
    expect(await t.dataSource.getRepository(SsoTicket).count()).toBeGreaterThan(0);
  });

  it('turns the CAS failure codes into Chinese answers: INVALID_TICKET and INVALID_SERVICE', async () => {
    const { portal, cookie } = await startSso(t, 'cas');
    const service = portal.searchParams.get('service') ?? '';
    const state = new URL(service).searchParams.get('state') ?? '';
    const unknown = await t.request<{ code: string; message: string }>('POST', '/api/auth/sso/cas/login', {
      body: { ticket: 'ST-0000000000000000-never-issued', state },
      headers: { cookie },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe('CAS_INVALID_TICKET');
    expect(unknown.body.message).toContain('票据无效');

    // A ticket the CAS server issued for another application's service.
    const other = await startSso(t, 'cas');
    const otherState = new URL(other.portal.searchParams.get('service') ?? '').searchParams.get('state') ?? '';
    const foreign = cas.issueTicket(STUDENT, 'https://other-app.example.edu.cn/login');
    const wrongService = await t.request<{ code: string; message: string }>('POST', '/api/auth/sso/cas/login', {
      body: { ticket: foreign, state: otherState },
      headers: { cookie: other.cookie },
    });
    expect(wrongService.status).toBe(401);
    expect(wrongService.body.code).toBe('CAS_INVALID_SERVICE');
    expect(wrongService.body.message).toContain('服务地址');
  });

  it('binds the state to the browser: no cookie, or another browser’s state, is refused', async () => {
    const mine = await startSso(t, 'cas');
    const theirs = await startSso(t, 'cas');
    const myService = mine.portal.searchParams.get('service') ?? '';
    const myState = new URL(myService).searchParams.get('state') ?? '';
    const ticket = cas.issueTicket(STUDENT, myService);
    const noCookie = await t.request<{ code: string }>('POST', '/api/auth/sso/cas/login', {
      body: { ticket, state: myState },
    });
    expect(noCookie.status).toBe(400);
    expect(noCookie.body.code).toBe('SSO_STATE');
    // Login CSRF: an attacker's ticket (for their own state) delivered into the victim's browser.
    const crossed = await t.request<{ code: string }>('POST', '/api/auth/sso/cas/login', {
      body: { ticket, state: myState },
      headers: { cookie: theirs.cookie },
    });
    expect(crossed.status).toBe(400);
    expect(crossed.body.code).toBe('SSO_STATE');
    // Neither spent the ticket: it was never sent to the CAS server.
    expect(cas.tickets.get(ticket)?.used).toBe(false);
  });

  it('never redirects elsewhere: the service URL comes from SSO_PUBLIC_URL, the return path stays on the platform', async () => {
    const forged = await startSso(t, 'cas', 'https://evil.example/phish', {
      host: 'evil.example',
      'x-forwarded-host': 'evil.example',
    });
    expect(forged.portal.origin).toBe(new URL(cas.url).origin);
    expect(new URL(forged.portal.searchParams.get('service') ?? '').origin).toBe(origin);
    const listed = await startSso(t, 'cas', '/', { host: 'fzxx.example.edu.cn' });
    // An address on the list is kept (a school reachable by its domain and its intranet address).
    expect(new URL(listed.portal.searchParams.get('service') ?? '').origin).toBe('http://fzxx.example.edu.cn');
    for (const target of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)']) {
      const { res } = await casLogin(t, cas, STUDENT, { redirect: target });
      expect(res.status).toBe(200);
      expect(res.body.redirect).toBe('/');
    }
    // The service URL's GET only ever sends the browser to the web app's own page.
    const back = await t.request('GET', '/api/auth/sso/cas/callback?state=x&ticket=ST-1');
    expect(back.headers.location).toBe('/sso/cas?ticket=ST-1&state=x');
  });

  it('ends the session when the CAS server sends its single-logout POST; a forged one ends nothing', async () => {
    const { res, body } = await casLogin(t, cas, STUDENT);
    expect(res.status).toBe(200);
    const token = res.body.token;
    // A logout request naming a ticket this platform never redeemed.
    const forged = await fetch(`${origin}/api/auth/sso/cas/callback?state=x`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logoutRequest: cas.logoutRequestFor('ST-1-forged-by-someone') }).toString(),
    });
    expect(forged.status).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { token })).status).toBe(200);

    expect(await cas.sendLogout(body.ticket)).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { token })).status).toBe(401);
    // Any other route still refuses a form body.
    const form = await t.request('POST', '/api/auth/login', {
      payload: Buffer.from('username=a&password=b'),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
  });

  it('throttles like password logins: a network with many failures must solve the challenge first', async () => {
    const throttle = t.get(LoginThrottle);
    for (let i = 0; i < 100; i++) await throttle.recordAddressFailure('10.9.9.9');
    const { portal, cookie } = await startSso(t, 'cas');
    const service = portal.searchParams.get('service') ?? '';
    const ticket = cas.issueTicket(STUDENT, service);
    const res = await t.request<{ challenge?: unknown }>('POST', '/api/auth/sso/cas/login', {
      body: { ticket, state: new URL(service).searchParams.get('state') },
      headers: { cookie },
      remoteAddress: '10.9.9.9',
    });
    expect(res.status).toBe(428);
    expect(res.body.challenge).toBeDefined();
    expect(cas.tickets.get(ticket)?.used).toBe(false);
  });

  it('sent only answers that are valid against the CAS 3.0 schema', async () => {
    const xml = cas.responses.filter((r) => r.format === 'xml');
    expect(xml.some((r) => r.body.includes('authenticationSuccess'))).toBe(true);
    expect(xml.some((r) => r.body.includes('INVALID_SERVICE'))).toBe(true);
    for (const response of xml) expect(await schemaErrors(response.body)).toEqual([]);
    // The check can fail: a success without the three authentication attributes is not CAS 3.0.
    const broken =
      '<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess><cas:user>u</cas:user><cas:attributes><cas:xh>1</cas:xh></cas:attributes></cas:authenticationSuccess></cas:serviceResponse>';
    expect((await schemaErrors(broken)).length).toBeGreaterThan(0);
  });
});

describe('CAS with an attribute for the 学号, JSON answers, renew, and passwords for admins only', () => {
  let cas: CasTestServer;
  let t: TestApp;

  beforeAll(async () => {
    cas = await startCasTestServer({
      anyPassword: CAS_PASSWORD,
      // The portal's login name is not the 学号; the 学号 comes as an attribute (some portals send it twice).
      attributes: (user): Record<string, string[]> =>
        user === 'linxy' ? { employeeNumber: [STUDENT, STUDENT], memberOf: ['a', 'b'] } : {},
    });
    t = await TestApp.start({
      SSO_CAS_URL: cas.url,
      SSO_PUBLIC_URL: 'https://fzxx.example.edu.cn',
      SSO_CAS_USER_ATTRIBUTE: 'employeeNumber',
      SSO_CAS_FORMAT: 'json',
      SSO_CAS_RENEW: 'true',
      SSO_PASSWORD_LOGIN: 'admins',
    });
    await loadRoster(t);
  });
  afterAll(async () => {
    await t.close();
    await cas.close();
  });

  it('asks for renew, validates as JSON, and maps the configured attribute to the 学号', async () => {
    const { portal, cookie, setCookie } = await startSso(t, 'cas', '/courses');
    expect(portal.searchParams.get('renew')).toBe('true');
    // Over https the state cookie cannot be planted by a sibling subdomain.
    expect(setCookie).toMatch(/^__Host-campus-sso=.*; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600; Secure$/);
    const service = portal.searchParams.get('service') ?? '';
    expect(service.startsWith('https://fzxx.example.edu.cn/api/auth/sso/cas/callback?state=')).toBe(true);
    const ticket = cas.issueTicket('linxy', service, true);
    const res = await t.request<SsoLoginResponse>('POST', '/api/auth/sso/cas/login', {
      body: { ticket, state: new URL(service).searchParams.get('state') },
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe(STUDENT);
    expect(res.body.redirect).toBe('/courses');
    expect(cas.responses.at(-1)?.format).toBe('json');
    expect(cookieFrom(res)).toBe('__Host-campus-sso=');
  });

  it('refuses, with renew, a ticket that came from an existing CAS session (INVALID_TICKET_SPEC)', async () => {
    const { portal, cookie } = await startSso(t, 'cas');
    const service = portal.searchParams.get('service') ?? '';
    const ticket = cas.issueTicket('linxy', service, false);
    const res = await t.request<{ code: string }>('POST', '/api/auth/sso/cas/login', {
      body: { ticket, state: new URL(service).searchParams.get('state') },
      headers: { cookie },
    });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('CAS_INVALID_TICKET_SPEC');
  });

  it('refuses a portal account that carries no 学号 attribute', async () => {
    const { portal, cookie } = await startSso(t, 'cas');
    const service = portal.searchParams.get('service') ?? '';
    const res = await t.request<{ code: string; message: string }>('POST', '/api/auth/sso/cas/login', {
      body: { ticket: cas.issueTicket('visitor', service, true), state: new URL(service).searchParams.get('state') },
      headers: { cookie },
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe(SSO_UNKNOWN_USER);
    expect(res.body.message).toContain('employeeNumber');
  });

  it('keeps passwords for administrators only', async () => {
    const student = await t.request<{ code: string }>('POST', '/api/auth/login', {
      body: { username: STUDENT, password: ROSTER_PASSWORD },
    });
    expect(student.status).toBe(403);
    expect(student.body.code).toBe(SSO_REQUIRED);
    const wrong = await t.request('POST', '/api/auth/login', { body: { username: STUDENT, password: 'Wrong-Pw-123' } });
    expect(wrong.status).toBe(401);
    await t.adminToken();
    expect((await t.request('GET', '/api/auth/sso')).body).toEqual({ cas: true, oidc: false, passwordLogin: 'admins' });
  });
});
