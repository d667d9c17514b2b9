import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { AuthSecret } from './auth-secret';

/**
 * What a session token carries. `v` is the user's token version at login; `sso` marks a session
 * begun through 统一身份认证, to which the forced change of an initial password does not apply.
 */
export interface TokenClaims {
  sub: number;
  v: number;
  exp: number;
  sso?: 1;
}

/**
 * Compact HMAC-SHA256 tokens (`payload.signature`, both base64url). A full JWT library buys nothing
 * here — one issuer, one audience — and its string-secret path costs ~15× more per check.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly secret: AuthSecret,
    private readonly config: AppConfig,
  ) {}

  issue(userId: number, tokenVersion: number, now = Date.now(), options: { sso?: boolean } = {}): string {
    const claims: TokenClaims = {
      sub: userId,
      v: tokenVersion,
      exp: Math.floor(now / 1000) + this.config.tokenTtlSeconds,
    };
    if (options.sso) claims.sso = 1;
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** The claims of a well-signed, unexpired token; null otherwise. */
  verify(token: string, now = Date.now()): TokenClaims | null {
    const dot = token.indexOf('.');
    if (dot <= 0) return null;
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.sign(payload), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (!isClaims(claims) || claims.exp * 1000 <= now) return null;
    return claims;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret.key).update(payload).digest('base64url');
  }
}

function isClaims(value: unknown): value is TokenClaims {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    Number.isInteger(c.sub) && Number.isInteger(c.v) && Number.isInteger(c.exp) && (c.sso === undefined || c.sso === 1)
  );
}
