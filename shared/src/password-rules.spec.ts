import { COMMON_PASSWORDS } from './common-passwords';
import { passwordProblem } from './password-rules';

describe('password rules', () => {
  it('refuses what an attacker tries first, even when it has letters and digits', () => {
    const weak = [
      'abc12345',
      'a123456789',
      'woaini1314',
      'Woaini520',
      'password1',
      'Password123',
      '1qaz2wsx',
      'qwer1234',
      'asdf!2026',
      'Admin@2026',
      'qq123456',
      'zhang19990101',
      'iloveyou1',
      'aaaa1111',
      'abcabc12',
      'P@ssw0rd',
    ];
    for (const p of weak) expect([p, passwordProblem(p)]).toEqual([p, expect.stringContaining('常见')]);
  });

  it('ships a list of a few thousand common passwords that the length and letter-digit rule alone would let through', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThan(2000);
    expect(COMMON_PASSWORDS.every((p) => p.length >= 8 && /[a-z]/.test(p) && /[0-9]/.test(p))).toBe(true);
  });

  it('accepts passwords that are not on any list nor built from predictable parts', () => {
    for (const p of ['Strong2026', 'Fresh2026pw', 'Lu7!river-bend', 'mkq84vtz', 'Tea4two&cake']) {
      expect([p, passwordProblem(p)]).toEqual([p, null]);
    }
  });

  it('keeps the length and letter-and-digit rules', () => {
    expect(passwordProblem('short1')).toContain('至少 8 位');
    expect(passwordProblem('onlyletters')).toContain('字母和数字');
    expect(passwordProblem('12345678901')).toContain('字母和数字');
    expect(passwordProblem(`a1${'x'.repeat(70)}`)).toContain('最多');
  });

  it('never allows the 学号/工号 itself, in any case, inside the password', () => {
    expect(passwordProblem('T2026abcd', 't2026abcd')).toContain('学号/工号');
    expect(passwordProblem('xy02Zebra9', 'XY02')).toContain('学号/工号');
    expect(passwordProblem('Strong2026', 'xy02')).toBeNull();
  });
});
