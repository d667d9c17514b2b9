import type { LoginResponse } from '@campus/shared';
import { PasswordHasher } from '../src/common/auth/password-hasher';
import { PasswordUpgrader } from '../src/modules/auth/password-upgrader';
import { User } from '../src/modules/users/user.entity';
import { TestApp } from './harness';
import { rosterCsvUtf8, student } from './factories/roster.factory';

const ROSTER_PASSWORD = 'Roster-Pw-2026';

describe('the forced password change at first login', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ HASH_CONCURRENCY: '1' });
    const admin = await t.adminToken();
    const file = rosterCsvUtf8([
      student('P2026001', '甲', '信息工程学院', '信息2601', '2026', { password: ROSTER_PASSWORD }),
      student('P2026002', '乙', '信息工程学院', '信息2601', '2026', { password: ROSTER_PASSWORD }),
      student('P2026003', '丙', '信息工程学院', '信息2601', '2026', { password: ROSTER_PASSWORD }),
    ]);
    expect((await t.upload('/api/roster/import', file, 'r.csv', admin)).status).toBe(201);
  });
  afterAll(() => t.close());

  const storedHash = async (username: string) =>
    (await t.dataSource.getRepository(User).findOneByOrFail({ username })).passwordHash;

  it('answers with the new session when the client prefers it, so no second login is needed', async () => {
    const old = await t.login('P2026001', ROSTER_PASSWORD);
    const res = await t.request<LoginResponse>('POST', '/api/auth/password', {
      token: old,
      headers: { prefer: 'return=representation' },
      body: { oldPassword: ROSTER_PASSWORD, newPassword: 'Fresh-Start-71' },
    });
    expect(res.status).toBe(200);
    expect(res.headers['preference-applied']).toBe('return=representation');
    expect(res.body.user).toMatchObject({ username: 'P2026001', mustChangePassword: false });
    expect((await t.request('GET', '/api/auth/me', { token: old })).status).toBe(401);
    expect((await t.request('GET', '/api/my/exams', { token: res.body.token })).status).toBe(200);
  });

  it('still answers 204 without a body to clients that do not ask', async () => {
    const token = await t.login('P2026002', ROSTER_PASSWORD);
    const res = await t.request('POST', '/api/auth/password', {
      token,
      body: { oldPassword: ROSTER_PASSWORD, newPassword: 'Fresh-Start-72' },
    });
    expect(res.status).toBe(204);
    expect(res.raw.length).toBe(0);
    await t.login('P2026002', 'Fresh-Start-72');
  });

  it('keeps a password changed during a hashing rush in the keyed form, then upgrades it to scrypt', async () => {
    const hasher = t.get(PasswordHasher);
    const token = await t.login('P2026003', ROSTER_PASSWORD);
    // Other sign-ins keep the only hashing slot busy, with one always waiting, while this change
    // arrives (two loops: a finishing hash hands its slot straight to the waiting one).
    let rushing = true;
    const signIns = async () => {
      while (rushing) await hasher.hash('someone-else-signing-in');
    };
    const rush = Promise.all([signIns(), signIns()]);
    const res = await t.request('POST', '/api/auth/password', {
      token,
      body: { oldPassword: ROSTER_PASSWORD, newPassword: 'Fresh-Start-73' },
    });
    rushing = false;
    expect(res.status).toBe(204);
    expect((await storedHash('P2026003')).startsWith('hmac$')).toBe(true);
    await rush;
    await t.get(PasswordUpgrader).settled();
    expect((await storedHash('P2026003')).startsWith('scrypt$')).toBe(true);
    await t.login('P2026003', 'Fresh-Start-73');
  });
});

describe('wrong old passwords in a password change', () => {
  let t: TestApp;
  const NEW = 'Own-Choice-2026';
  /** Signs in with the roster password and sets NEW (stored with scrypt: the hashing slot is free). */
  const settle = async (username: string) => {
    const first = await t.login(username, ROSTER_PASSWORD);
    const res = await t.request('POST', '/api/auth/password', {
      token: first,
      body: { oldPassword: ROSTER_PASSWORD, newPassword: NEW },
    });
    expect(res.status).toBe(204);
    return t.login(username, NEW);
  };

  beforeAll(async () => {
    t = await TestApp.start({ HASH_CONCURRENCY: '1', HASH_QUEUE_LIMIT: '4', PASSWORD_HASH_DEFER: 'false' });
    const admin = await t.adminToken();
    const file = rosterCsvUtf8(
      ['Q2026001', 'Q2026002', 'Q2026003', 'Q2026004'].map((u) =>
        student(u, '丁', '信息工程学院', '信息2602', '2026', { password: ROSTER_PASSWORD }),
      ),
    );
    expect((await t.upload('/api/roster/import', file, 'r.csv', admin)).status).toBe(201);
  });
  afterAll(() => t.close());

  const change = (token: string, oldPassword: string, remoteAddress = '10.7.0.1') =>
    t.request<{ message: string }>('POST', '/api/auth/password', {
      token,
      remoteAddress,
      body: { oldPassword, newPassword: 'Another-Choice-88' },
    });

  it('counts like failed logins: five wrong old passwords pause the account, for the change and for login', async () => {
    const token = await settle('Q2026001');
    for (let i = 0; i < 5; i++) expect((await change(token, `guess-${i}-x`)).status).toBe(400);
    const paused = await change(token, NEW);
    expect(paused.status).toBe(429);
    expect(Number(paused.headers['retry-after'])).toBeGreaterThan(0);
    expect(paused.body.message).toMatch(/次数过多/);
    const login = await t.request('POST', '/api/auth/login', {
      body: { username: 'Q2026001', password: NEW },
      remoteAddress: '10.7.0.1',
    });
    expect(login.status).toBe(429);
  });

  it('checks one old password per account at a time, so a burst cannot fill the hash queue for other sign-ins', async () => {
    const token = await settle('Q2026002');
    await settle('Q2026003');
    const hasher = t.get(PasswordHasher);
    const verify = hasher.verify.bind(hasher);
    const victimHash = (await t.dataSource.getRepository(User).findOneByOrFail({ username: 'Q2026002' })).passwordHash;
    let running = 0;
    let most = 0;
    const spy = jest.spyOn(hasher, 'verify').mockImplementation(async (password, stored) => {
      if (stored !== victimHash) return verify(password, stored);
      running += 1;
      most = Math.max(most, running);
      try {
        return await verify(password, stored);
      } finally {
        running -= 1;
      }
    });
    try {
      // 12 at once: below the number in flight at which admission control starts to weigh event-loop lag.
      const burst = Array.from({ length: 12 }, (_, i) => change(token, `burst-${i}-x`, `10.8.0.${i + 1}`));
      const someoneElse = t.request('POST', '/api/auth/login', {
        body: { username: 'Q2026003', password: NEW },
        remoteAddress: '10.9.0.1',
      });
      const answers = await Promise.all(burst);
      expect((await someoneElse).status).toBe(200);
      // Each answer is a wrong old password (400) or a quick refusal (429); never a full hash queue (503).
      expect(answers.map((a) => a.status).filter((s) => s !== 400 && s !== 429)).toEqual([]);
      const refused = answers.filter((a) => a.status === 429);
      expect(refused.length).toBeGreaterThanOrEqual(8);
      for (const r of refused) {
        expect(r.body.message).toMatch(/[\u4e00-\u9fa5]/);
        expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      }
      expect(most).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('checks one login per account at a time too: a burst of wrong passwords gets no more checks than the pause allows', async () => {
    await settle('Q2026004');
    const hasher = t.get(PasswordHasher);
    const verify = hasher.verify.bind(hasher);
    const victimHash = (await t.dataSource.getRepository(User).findOneByOrFail({ username: 'Q2026004' })).passwordHash;
    let checks = 0;
    const spy = jest.spyOn(hasher, 'verify').mockImplementation((password, stored) => {
      if (stored === victimHash) checks += 1;
      return verify(password, stored);
    });
    try {
      const burst = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          t.request('POST', '/api/auth/login', {
            body: { username: 'Q2026004', password: `spray-${i}-x` },
            remoteAddress: `10.10.0.${i + 1}`,
          }),
        ),
      );
      expect(burst.map((a) => a.status).filter((s) => s !== 401 && s !== 429)).toEqual([]);
      // Without the per-account lock every one of them would be checked before the first failure counted.
      expect(checks).toBeGreaterThanOrEqual(1);
      expect(checks).toBeLessThanOrEqual(5);
    } finally {
      spy.mockRestore();
    }
  });
});
