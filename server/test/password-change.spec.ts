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
