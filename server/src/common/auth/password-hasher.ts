import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { AuthSecret } from './auth-secret';

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 } as const;

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, SCRYPT.keyLength, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/**
 * Two stored formats:
 * - `scrypt$N$r$p$salt$key` — every password a person chose. scrypt N=16384 costs ≈ 52 ms here and
 *   runs on libuv's thread pool, never on the event loop.
 * - `init$salt$hmac` — an initial password from the roster (or the default rule). A school imports
 *   30,000 people at once, and a slow hash per row would take ~25 minutes on two cores. An initial
 *   password is low-entropy and temporary by nature (its owner must replace it at first login), so
 *   it is kept as a keyed HMAC with the deployment's secret instead: a stolen table alone does not
 *   reveal it, and the first login replaces it with scrypt.
 *
 * Slow checks are limited to `hashConcurrency` at once with a bounded queue: when 10,000 freshmen log
 * in within minutes, login answers 503 + Retry-After quickly instead of slowing every other request.
 */
@Injectable()
export class PasswordHasher {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly config: AppConfig,
    private readonly secret: AuthSecret,
  ) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await this.limited(() => scryptAsync(password, salt, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p }));
    return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
  }

  /** Fast, synchronous: for initial passwords only (see the class comment). */
  initialHash(password: string): string {
    const salt = randomBytes(12).toString('base64url');
    return `init$${salt}$${this.hmac(salt, password)}`;
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const parts = stored.split('$');
    if (parts[0] === 'init' && parts.length === 3) {
      return safeEqual(this.hmac(parts[1] ?? '', password), parts[2] ?? '');
    }
    if (parts[0] === 'scrypt' && parts.length === 6) {
      const [, n, r, p, salt, key] = parts;
      const expected = Buffer.from(key ?? '', 'base64url');
      const actual = await this.limited(() =>
        scryptAsync(password, Buffer.from(salt ?? '', 'base64url'), { N: Number(n), r: Number(r), p: Number(p) }),
      );
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    }
    return false;
  }

  /** A well-formed hash of nothing, so unknown usernames cost as much as known ones. */
  get dummyHash(): string {
    return 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  }

  private hmac(salt: string, password: string): string {
    return createHmac('sha256', this.secret.key).update(`${salt}:${password}`).digest('base64url');
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.config.hashConcurrency) {
      this.running += 1;
    } else {
      if (this.waiting.length >= this.config.hashQueueLimit) {
        throw new ServiceUnavailableException({ message: '登录人数过多，请稍后重试', retryAfterSeconds: 3 });
      }
      // The finishing check hands its slot straight to us, so `running` never overshoots.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
