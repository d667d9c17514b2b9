import { HttpException } from '@nestjs/common';
import { proofMeets, type LoginChallenge } from '@campus/shared';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuthSecret } from './auth-secret';
import type { ThrottleStore } from './login-throttle';

/** How long a challenge may be answered: enough for a slow phone, too short to stockpile. */
const CHALLENGE_TTL_MS = 2 * 60_000;

/** 428 Precondition Required: this address must answer `challenge` with its login. */
export class ChallengeRequiredException extends HttpException {
  constructor(challenge: LoginChallenge, message: string) {
    super({ statusCode: 428, message, challenge }, 428);
  }
}

/**
 * Signed, single-use proof-of-work challenges for the sign-ins of a hot address (see LoginThrottle).
 * Stateless until answered: the challenge carries its expiry, difficulty and a random id, signed
 * with the deployment's secret together with the address it was given to, so any instance can
 * check it; the throttle store remembers used ids until they expire, so one solution buys one try.
 */
export class LoginChallenges {
  constructor(
    private readonly secret: AuthSecret,
    private readonly store: ThrottleStore,
  ) {}

  issue(address: string, bits: number, now: number): LoginChallenge {
    const expires = (now + CHALLENGE_TTL_MS).toString(36);
    const id = randomBytes(12).toString('base64url');
    const body = `${expires}.${id}.${bits}`;
    return { challenge: `${body}.${this.sign(body, address)}`, bits };
  }

  /**
   * Whether `nonce` answers a challenge this deployment gave `address`, still valid, at least
   * `bits` hard, and not answered before. Costs two HMACs and one SHA-256.
   */
  async accept(address: string, challenge: string, nonce: string, bits: number, now: number): Promise<boolean> {
    const parts = challenge.split('.');
    if (parts.length !== 4) return false;
    const [expires, id, hardness, signature] = parts as [string, string, string, string];
    const expected = Buffer.from(this.sign(`${expires}.${id}.${hardness}`, address));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    const expiresAt = parseInt(expires, 36);
    if (!(expiresAt > now) || Number(hardness) < bits) return false;
    if (!proofMeets(challenge, nonce, Number(hardness))) return false;
    return this.store.acquire(`login:proof:${id}`, expiresAt - now, now);
  }

  private sign(body: string, address: string): string {
    return createHmac('sha256', this.secret.key)
      .update(`login-challenge|${body}|${address}`)
      .digest('base64url')
      .slice(0, 32);
  }
}
