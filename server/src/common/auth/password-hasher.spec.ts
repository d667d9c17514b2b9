import { createSecretKey, randomBytes } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { AuthSecret } from './auth-secret';
import { PasswordHasher } from './password-hasher';

function hasher(env: Record<string, string> = {}): PasswordHasher {
  const config = new AppConfig({ HASH_CONCURRENCY: '1', DATA_DIR: '/tmp/unused', ...env });
  return new PasswordHasher(config, new AuthSecret(createSecretKey(randomBytes(32))));
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

describe('PasswordHasher', () => {
  it('checks every kind of stored password, and no password for an unknown account', async () => {
    const h = hasher();
    const chosen = await h.hash('Chosen-Pass-9');
    const initial = h.initialHash('Roster-Pass-7');
    expect(await h.verify('Chosen-Pass-9', chosen)).toBe(true);
    expect(await h.verify('chosen-pass-9', chosen)).toBe(false);
    expect(await h.verify('Roster-Pass-7', initial)).toBe(true);
    expect(await h.verify('Roster-Pass-8', initial)).toBe(false);
    expect(await h.verify('anything', null)).toBe(false);
  });

  it('makes an unknown account and a roster password cost as long as a slow check, on a timer', async () => {
    const h = hasher();
    const chosen = await h.hash('Chosen-Pass-9');
    const slow = await timed(() => h.verify('wrong', chosen));
    const typical = h.typicalCheckMs;
    const unknown = await timed(() => h.verify('wrong', null));
    const roster = await timed(() => h.verify('wrong', h.initialHash('Roster-Pass-7')));
    expect(slow).toBeGreaterThan(5);
    // Within the ±10 % jitter of the typical check (a timer may fire a little late, never early).
    expect(unknown).toBeGreaterThanOrEqual(typical * 0.89);
    expect(roster).toBeGreaterThanOrEqual(typical * 0.89);
  });

  it('keeps a new password in the keyed form while slow hashes queue, and hashes at once when idle', async () => {
    const h = hasher();
    expect(h.idle).toBe(true);
    const idle = await h.hashNow('First-Pass-21');
    expect(idle.deferred).toBe(false);
    expect(idle.stored.startsWith('scrypt$')).toBe(true);

    const occupying = h.hash('Someone-Else-1');
    const busy = await h.hashNow('Second-Pass-22');
    await occupying;
    expect(busy.deferred).toBe(true);
    expect(h.isDeferred(busy.stored)).toBe(true);
    expect(await h.verify('Second-Pass-22', busy.stored)).toBe(true);
  });

  it('keeps a new password in the keyed form while students are answering, even with no hash running', async () => {
    const h = hasher();
    let answering = true;
    h.yieldTo(() => answering);
    expect(h.yielding).toBe(true);
    const during = await h.hashNow('Third-Pass-23');
    expect(during.deferred).toBe(true);
    expect(await h.verify('Third-Pass-23', during.stored)).toBe(true);
    answering = false;
    const after = await h.hashNow('Fourth-Pass-24');
    expect(after.deferred).toBe(false);
    expect(after.stored.startsWith('scrypt$')).toBe(true);
  });

  it('never defers when PASSWORD_HASH_DEFER is off', async () => {
    const h = hasher({ PASSWORD_HASH_DEFER: 'false' });
    h.yieldTo(() => true);
    const occupying = h.hash('Someone-Else-1');
    const result = await h.hashNow('Second-Pass-22');
    await occupying;
    expect(result.deferred).toBe(false);
  });
});
