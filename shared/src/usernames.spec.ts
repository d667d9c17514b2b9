import { normalizeUsername, usernameKey } from './usernames';

describe('usernames', () => {
  it('gives one key to every spelling of the same 学号/工号', () => {
    for (const spelling of ['XSC01', 'xsc01', ' xsc01 ', 'Xsc01\t', 'ＸＳＣ０１', '\u3000xsc01']) {
      expect(usernameKey(spelling)).toBe('xsc01');
    }
  });

  it('keeps the letter case the school wrote for display, without the surrounding spaces', () => {
    expect(normalizeUsername('  T0001 ')).toBe('T0001');
    expect(normalizeUsername('Ｔ０００１')).toBe('T0001');
  });

  it('keeps different 学号 apart', () => {
    expect(usernameKey('2025010101')).not.toBe(usernameKey('2025010102'));
  });
});
