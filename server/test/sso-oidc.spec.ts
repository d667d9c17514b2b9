import type { SsoLoginResponse } from '@campus/shared';
import { createHash } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { Logger } from '@nestjs/common';
import Provider from 'oidc-provider';
import { PasswordHasher } from '../src/common/auth/password-hasher';
import { rosterCsvUtf8, student } from './factories/roster.factory';
import { TestApp } from './harness';
import { freePort, startSso } from './support/sso-browser';
import { testClock } from './support/test-clock';

const STUDENT = '2026880101';
const CLIENT = { client_id: 'campus-platform', client_secret: 'campus-secret-for-tests-only-0123456789' };
const OTHER_CLIENT = { client_id: 'library-system', client_secret: 'library-secret-for-tests-only-0123456789' };

/** The portal's people: login id → claims. The 学号 is in `student_no`, not the login id. */
const ACCOUNTS: Record<string, Record<string, string>> = {
  linxy: { student_no: STUDENT, name: '林小雨', preferred_username: 'linxy' },
  stranger: { student_no: '1999000001', name: '路人', preferred_username: 'stranger' },
};

interface Listening {
  server: Server;
  port: number;
}

function listen(server: Server, port = 0): Promise<Listening> {
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    }),
  );
}

/**
 * In front of the provider, on the issuer's address. It passes everything through, except that a
 * test may rewrite the token endpoint's answer (a provider that misbehaves or a path that was
 * tampered with): how an ID token for another audience reaches the platform.
 */
function tokenProxy(target: () => number) {
  let rewrite: ((body: Record<string, unknown>) => Record<string, unknown>) | null = null;
  const server = createServer((req, res) => {
    const upstream = httpRequest(
      { host: '127.0.0.1', port: target(), method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        if (!(rewrite && req.url?.startsWith('/token'))) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const body = JSON.stringify(
            rewrite?.(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>),
          );
          const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) };
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(body);
        });
      },
    );
    req.pipe(upstream);
  });
  return { server, setRewrite: (fn: typeof rewrite) => (rewrite = fn) };
}

/** A browser's cookies for the provider (one host; paths do not matter here). */
class Jar {
  private readonly cookies = new Map<string, string>();
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair && eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * A person at the provider: follows the authorization request through the login form of the
 * provider's interactions and returns where the provider finally sends the browser.
 */
async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Jar();
  let url = authorizationUrl;
  for (let hop = 0; hop < 12; hop++) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(res);
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.pathname === '/sso/oidc') return next;
      url = next.href;
      continue;
    }
    if (res.status === 200 && url.includes('/interaction/')) {
      const submit = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
      });
      jar.store(submit);
      url = new URL(submit.headers.get('location') ?? '', url).href;
      continue;
    }
    throw new Error(`unexpected answer ${res.status} at ${url}: ${(await res.text()).slice(0, 300)}`);
  }
  throw new Error('too many redirects');
}

/** What the platform put in its state cookie (signed, not secret from the browser that holds it). */
function stateOf(cookie: string): { state: string; nonce: string; verifier: string } {
  const value = cookie.slice(cookie.indexOf('=') + 1);
  return JSON.parse(Buffer.from(value.split('.')[0] ?? '', 'base64url').toString('utf8')) as {
    state: string;
    nonce: string;
    verifier: string;
  };
}

describe('OIDC single sign-on (against oidc-provider on loopback)', () => {
  let t: TestApp;
  let provider: Listening;
  let proxy: ReturnType<typeof tokenProxy> & { port: number };
  let issuer: string;
  let origin: string;
  let idTokenTtl = 3600;

  beforeAll(async () => {
    const proxied = tokenProxy(() => provider.port);
    const proxyListening = await listen(proxied.server);
    proxy = { ...proxied, port: proxyListening.port };
    issuer = `http://127.0.0.1:${proxy.port}`;
    origin = `http://127.0.0.1:${await freePort()}`;
    // The provider's notices about development defaults (keys, interactions, TTLs) are expected here.
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
    const oidc = new Provider(issuer, {
      clients: [CLIENT, OTHER_CLIENT].map((c) => ({
        ...c,
        redirect_uris: [`${origin}/sso/oidc`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      })),
      pkce: { required: () => true },
      claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'student_no'] },
      findAccount: (_ctx, id) =>
        ACCOUNTS[id] ? { accountId: id, claims: () => ({ sub: id, ...ACCOUNTS[id] }) } : undefined,
      // Consent is given once by the school for its own applications.
      loadExistingGrant: async (ctx) => {
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client?.clientId,
          accountId: ctx.oidc.session?.accountId,
        });
        grant.addOIDCScope('openid profile');
        grant.addOIDCClaims(['student_no']);
        await grant.save();
        return grant;
      },
      ttl: { IdToken: () => idTokenTtl },
      cookies: { keys: ['oidc-provider-cookie-key-for-tests'] },
    });
    const handle = oidc.callback();
    provider = await listen(createServer((req, res) => void handle(req, res)));
    t = await TestApp.start({
      SSO_OIDC_ISSUER: issuer,
      SSO_OIDC_CLIENT_ID: CLIENT.client_id,
      SSO_OIDC_CLIENT_SECRET: CLIENT.client_secret,
      SSO_OIDC_CLAIM: 'student_no',
      SSO_PUBLIC_URL: origin,
    });
    const admin = await t.adminToken();
    const roster = rosterCsvUtf8([
      student(STUDENT, '林小雨', '信息工程学院', '信息2601', '2026', { password: 'Roster-Pw-2026' }),
    ]);
    expect((await t.upload('/api/roster/import', roster, 'r.csv', admin)).status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    await new Promise((r) => provider.server.close(r));
    await new Promise((r) => proxy.server.close(r));
  });

  /** Why the platform refused (its warning names the failed check). */
  function refusals(): jest.SpyInstance {
    return jest.spyOn(Logger.prototype, 'warn');
  }
  function reasons(spy: jest.SpyInstance): string {
    return spy.mock.calls.map((c: unknown[]) => String(c[0])).join('\n');
  }

  async function finish(back: URL, cookie: string) {
    return t.request<SsoLoginResponse & { code?: string; message?: string }>('POST', '/api/auth/sso/oidc/login', {
      body: { query: back.search },
      headers: { cookie },
    });
  }

  it('signs a rostered student in through the code flow with PKCE, state and nonce', async () => {
    const hasher = t.get(PasswordHasher);
    const verify = jest.spyOn(hasher, 'verify');
    const { portal, cookie } = await startSso(t, 'oidc', '/letters');
    expect(portal.origin).toBe(issuer);
    expect(portal.searchParams.get('code_challenge_method')).toBe('S256');
    const { verifier, state, nonce } = stateOf(cookie);
    expect(portal.searchParams.get('code_challenge')).toBe(createHash('sha256').update(verifier).digest('base64url'));
    expect(portal.searchParams.get('state')).toBe(state);
    expect(portal.searchParams.get('nonce')).toBe(nonce);
    expect(portal.searchParams.get('redirect_uri')).toBe(`${origin}/sso/oidc`);
    const back = await signInAtProvider(portal.href, 'linxy');
    expect(back.searchParams.get('code')).toBeTruthy();
    const res = await finish(back, cookie);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: STUDENT, mustChangePassword: false, sso: true });
    expect(res.body.redirect).toBe('/letters');
    expect(verify).not.toHaveBeenCalled();
    verify.mockRestore();
    expect((await t.request('GET', '/api/my/exams', { token: res.body.token })).status).toBe(200);
    // The same code again (a replayed callback URL) is refused here before the provider is asked.
    const again = await startSso(t, 'oidc');
    const replay = await finish(
      new URL(`?code=${back.searchParams.get('code')}&state=${stateOf(again.cookie).state}`, origin),
      again.cookie,
    );
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('SSO_TICKET_USED');
  });

  it('refuses an ID token whose nonce is not the one this browser sent', async () => {
    const { portal, cookie } = await startSso(t, 'oidc');
    // An attacker's authorization request: same state and PKCE challenge, another nonce.
    const forged = new URL(portal.href);
    forged.searchParams.set('nonce', 'nonce-chosen-by-an-attacker');
    const back = await signInAtProvider(forged.href, 'linxy');
    const spy = refusals();
    const res = await finish(back, cookie);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('OIDC_INVALID');
    expect(reasons(spy)).toContain('"nonce" claim');
    spy.mockRestore();
    expect(res.body).not.toHaveProperty('token');
  });

  it('refuses an ID token issued for another application (wrong audience)', async () => {
    const { portal, cookie } = await startSso(t, 'oidc');
    const { nonce } = stateOf(cookie);
    // A genuine, signed ID token of the same provider and nonce, but for the library system.
    const verifier = 'library-system-verifier-0123456789-0123456789-abc';
    const theirs = new URL(portal.href);
    theirs.searchParams.set('client_id', OTHER_CLIENT.client_id);
    theirs.searchParams.set('code_challenge', createHash('sha256').update(verifier).digest('base64url'));
    const theirBack = await signInAtProvider(theirs.href, 'linxy');
    const token = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${OTHER_CLIENT.client_id}:${OTHER_CLIENT.client_secret}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: theirBack.searchParams.get('code') ?? '',
        redirect_uri: `${origin}/sso/oidc`,
        code_verifier: verifier,
      }).toString(),
    });
    const foreignIdToken = ((await token.json()) as { id_token: string }).id_token;
    const payload = JSON.parse(Buffer.from(foreignIdToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      aud: string;
      nonce: string;
    };
    expect(payload).toMatchObject({ aud: OTHER_CLIENT.client_id, nonce });

    const back = await signInAtProvider(portal.href, 'linxy');
    proxy.setRewrite((body) => ({ ...body, id_token: foreignIdToken }));
    const spy = refusals();
    try {
      const res = await finish(back, cookie);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('OIDC_INVALID');
      expect(reasons(spy)).toContain('"aud" (audience) claim');
    } finally {
      proxy.setRewrite(null);
      spy.mockRestore();
    }
  });

  it('refuses an expired ID token, judged by the platform’s clock', async () => {
    idTokenTtl = 60;
    const clock = testClock(t);
    try {
      const { portal, cookie } = await startSso(t, 'oidc');
      const back = await signInAtProvider(portal.href, 'linxy');
      // Two minutes later than the token's minute (beyond the 30 s tolerance), within the state's ten.
      clock.advance(120);
      const spy = refusals();
      const res = await finish(back, cookie);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('OIDC_INVALID');
      expect(reasons(spy)).toContain('"exp"');
    } finally {
      idTokenTtl = 3600;
      jest.restoreAllMocks();
    }
  });

  it('refuses a portal account that is not on the roster, and a state from another browser', async () => {
    const { portal, cookie } = await startSso(t, 'oidc');
    const back = await signInAtProvider(portal.href, 'stranger');
    const res = await finish(back, cookie);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('SSO_UNKNOWN_USER');
    expect(res.body.message).toContain('1999000001');

    const mine = await startSso(t, 'oidc');
    const other = await startSso(t, 'oidc');
    const myBack = await signInAtProvider(mine.portal.href, 'linxy');
    const crossed = await finish(myBack, other.cookie);
    expect(crossed.status).toBe(400);
    expect(crossed.body.code).toBe('SSO_STATE');
  });
});
