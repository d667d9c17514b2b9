import { searchProof, type LoginChallenge } from '@campus/shared';
import { challengeBits, LOGIN_LIMITS } from '../src/common/auth/login-throttle';
import { PasswordHasher } from '../src/common/auth/password-hasher';
import { TestApp } from './harness';
import { rosterCsvUtf8, student } from './factories/roster.factory';

const PASSWORD = 'Roster-Pw-2026';
const NAT = '10.20.0.1';

function solve({ challenge, bits }: LoginChallenge): string {
  for (let from = 0; ; from += 50_000) {
    const nonce = searchProof(challenge, bits, from, 50_000);
    if (nonce !== null) return nonce;
  }
}

describe('one address cannot lock a classroom out, and spraying from it stays bounded', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
    const admin = await t.adminToken();
    const file = rosterCsvUtf8(
      ['N2026001', 'N2026002', 'N2026003'].map((u) =>
        student(u, '戊', '信息工程学院', '信息2603', '2026', { password: PASSWORD }),
      ),
    );
    expect((await t.upload('/api/roster/import', file, 'r.csv', admin)).status).toBe(201);
  });
  afterAll(() => t.close());

  const login = (body: Record<string, string>, remoteAddress: string) =>
    t.request<{ message: string; challenge?: LoginChallenge; token?: string }>('POST', '/api/auth/login', {
      body,
      remoteAddress,
    });

  it('checks at most about 100 guesses from a spraying address; past that each guess needs a solved challenge', async () => {
    const hasher = t.get(PasswordHasher);
    const verify = jest.spyOn(hasher, 'verify');
    const statuses: number[] = [];
    try {
      // 320 accounts once each, ten at a time: more than the 300 that used to close the address.
      for (let batch = 0; batch < 32; batch++) {
        const answers = await Promise.all(
          Array.from({ length: 10 }, (_, i) => login({ username: `spray${batch}x${i}`, password: 'Guess-2026x' }, NAT)),
        );
        statuses.push(...answers.map((a) => a.status));
        for (const a of answers.filter((x) => x.status === 428)) {
          expect(a.body.message).toMatch(/安全验证/);
          expect(a.body.challenge?.bits).toBe(LOGIN_LIMITS.challengeBits);
        }
      }
      expect(statuses.filter((s) => s !== 401 && s !== 428)).toEqual([]);
      const checked = statuses.filter((s) => s === 401).length;
      expect(checked).toBeGreaterThanOrEqual(LOGIN_LIMITS.hotAddress);
      expect(checked).toBeLessThan(LOGIN_LIMITS.hotAddress + 10); // the last batch may straddle the line
      expect(verify.mock.calls.length).toBe(checked); // a 428 costs no password check
    } finally {
      verify.mockRestore();
    }
  });

  it('lets a classmate behind that address in with the right password once the challenge is solved', async () => {
    const first = await login({ username: 'N2026001', password: PASSWORD }, NAT);
    expect(first.status).toBe(428);
    const challenge = first.body.challenge!;
    const nonce = solve(challenge);
    const signedIn = await login(
      { username: 'N2026001', password: PASSWORD, challenge: challenge.challenge, nonce },
      NAT,
    );
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.token).toEqual(expect.any(String));
    // One solution buys one try: replayed, it is refused before any password check.
    const replayed = await login(
      { username: 'N2026002', password: PASSWORD, challenge: challenge.challenge, nonce },
      NAT,
    );
    expect(replayed.status).toBe(428);
    // A solution is bound to the address it was given to.
    const elsewhere = await login(
      { username: 'N2026002', password: PASSWORD, challenge: challenge.challenge, nonce },
      '10.20.0.2',
    );
    expect(elsewhere.status).toBe(200); // that address is not hot: no challenge needed at all
  });

  it('pauses an account from the address that guessed it, and everywhere once guesses come from many', async () => {
    const wrong = (address: string) => login({ username: 'N2026003', password: 'Wrong-Guess-1' }, address);
    for (let i = 0; i < LOGIN_LIMITS.perAccountFromAddress; i++) expect((await wrong('10.30.0.1')).status).toBe(401);
    const paused = await login({ username: 'N2026003', password: PASSWORD }, '10.30.0.1');
    expect(paused.status).toBe(429);
    expect(paused.body.message).toMatch(/次数过多/);
    // The classmate next door (same address) is not paused; nor is the owner at home.
    expect((await login({ username: 'N2026002', password: PASSWORD }, '10.30.0.1')).status).toBe(200);
    expect((await login({ username: 'N2026003', password: PASSWORD }, '10.31.0.1')).status).toBe(200);
    // Guesses spread over many addresses: the account pauses everywhere at the account-wide limit.
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) await wrong(`10.32.0.${i + 1}`);
    expect((await login({ username: 'N2026003', password: PASSWORD }, '10.33.0.1')).status).toBe(429);
  });

  it('makes the challenge harder as failures from the address keep doubling, within a bound', () => {
    expect(challengeBits(LOGIN_LIMITS.hotAddress)).toBe(LOGIN_LIMITS.challengeBits);
    expect(challengeBits(LOGIN_LIMITS.hotAddress * 2)).toBe(LOGIN_LIMITS.challengeBits + 1);
    expect(challengeBits(LOGIN_LIMITS.hotAddress * 1000)).toBe(LOGIN_LIMITS.maxChallengeBits);
  });
});
