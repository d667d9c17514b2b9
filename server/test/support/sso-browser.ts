import { createServer } from 'node:net';
import type { TestApp, TestResponse } from '../harness';

/** A port free on loopback right now (for a platform whose public address must be known first). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The `name=value` of a Set-Cookie answer, as a browser would send it back. */
export function cookieFrom(res: TestResponse): string {
  const header = res.headers['set-cookie'];
  const first = ([header].flat()[0] ?? '') as string;
  return first.split(';')[0] ?? '';
}

export function locationOf(res: TestResponse): URL {
  return new URL(String(res.headers.location), 'http://placeholder.invalid');
}

/** Follows the platform's /start to the portal: the portal URL and the browser's state cookie. */
export async function startSso(
  t: TestApp,
  protocol: 'cas' | 'oidc',
  redirect = '/',
  headers: Record<string, string> = {},
): Promise<{ portal: URL; cookie: string; setCookie: string }> {
  const res = await t.request('GET', `/api/auth/sso/${protocol}/start?redirect=${encodeURIComponent(redirect)}`, {
    headers,
  });
  if (res.status !== 302) throw new Error(`start answered ${res.status} ${JSON.stringify(res.body)}`);
  return {
    portal: new URL(String(res.headers.location)),
    cookie: cookieFrom(res),
    setCookie: String([res.headers['set-cookie']].flat()[0]),
  };
}
