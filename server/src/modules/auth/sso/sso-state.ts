import { createHmac, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';

/** How long a person has at the portal between clicking 统一身份认证登录 and coming back. */
export const SSO_STATE_TTL_SECONDS = 10 * 60;

/**
 * What the browser carries between the start of a single sign-on and its return, in an HttpOnly
 * cookie signed by the platform: the state (also in the CAS service URL or the OIDC `state`), so a
 * ticket or code is accepted only in the browser that asked for it; the address the person came
 * through; where to go afterwards; and for OIDC the PKCE verifier and the nonce.
 */
export interface SsoState {
  protocol: 'cas' | 'oidc';
  state: string;
  origin: string;
  redirect: string;
  renew: boolean;
  verifier?: string;
  nonce?: string;
  /** Unix seconds. */
  exp: number;
}

const DOMAIN = 'campus-sso-state:';

export function randomState(): string {
  return randomBytes(24).toString('base64url');
}

export function sealState(state: SsoState, key: KeyObject): string {
  const payload = Buffer.from(JSON.stringify(state)).toString('base64url');
  return `${payload}.${sign(payload, key)}`;
}

/** The state of a well-signed, unexpired cookie value; null otherwise. */
export function openState(value: string | undefined, key: KeyObject, nowMs: number): SsoState | null {
  if (!value) return null;
  const dot = value.indexOf('.');
  if (dot <= 0) return null;
  const payload = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1), 'base64url');
  const expected = Buffer.from(sign(payload, key), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const s = parsed as Partial<SsoState> | null;
  if (!s || (s.protocol !== 'cas' && s.protocol !== 'oidc') || typeof s.state !== 'string') return null;
  if (typeof s.origin !== 'string' || typeof s.redirect !== 'string' || typeof s.exp !== 'number') return null;
  if (s.exp * 1000 <= nowMs) return null;
  return s as SsoState;
}

/** Equal strings in constant time (the state is a secret of the browser). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function sign(payload: string, key: KeyObject): string {
  return createHmac('sha256', key).update(DOMAIN).update(payload).digest('base64url');
}

/**
 * The cookie's name: over https the `__Host-` prefix makes browsers refuse it from a sibling
 * subdomain (another site under the school's domain cannot plant its own state), which needs Secure
 * and Path=/. A plain-http intranet address gets the plain name.
 */
export function stateCookieName(origin: string): string {
  return origin.startsWith('https:') ? '__Host-campus-sso' : 'campus-sso';
}

export const STATE_COOKIE_NAMES = ['__Host-campus-sso', 'campus-sso'] as const;

export function stateCookie(origin: string, value: string, maxAgeSeconds: number): string {
  const secure = origin.startsWith('https:') ? '; Secure' : '';
  // Lax: the browser sends it on the top-level return from the portal and on the app's own calls.
  return `${stateCookieName(origin)}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

/** Reads one cookie from a Cookie header (values here are base64url and never quoted). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Where to go after signing in: a path of this web app only. Anything else — another host,
 * `//evil.example`, `/\evil.example`, a scheme — becomes the home page, so the sign-in can never be
 * used to send someone to another site.
 */
export function safeRedirectPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 512) return '/';
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x5c) return '/'; // control characters, backslash
  }
  return raw;
}
