import { COMMON_PASSWORDS } from './common-passwords';
import { usernameKey } from './usernames';

/** Password rules both the forms and the server enforce: one function, so both say the same. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 64;

const COMMON = new Set(COMMON_PASSWORDS);

/**
 * Letter runs an attacker tries first: pinyin and English words of Chinese password habits, keyboard
 * and alphabet walks are recognised separately (see isWalk).
 */
const WEAK_WORDS = new Set([
  'woaini',
  'aini',
  'iloveyou',
  'love',
  'password',
  'passwd',
  'pass',
  'mima',
  'admin',
  'root',
  'test',
  'user',
  'qq',
  'wx',
  'weixin',
  'nihao',
  'hello',
  'welcome',
  'china',
  'beijing',
  'shanghai',
  'student',
  'xuesheng',
  'teacher',
  'laoshi',
  'school',
  'xuexiao',
  'wang',
  'li',
  'zhang',
  'liu',
  'chen',
  'yang',
  'zhao',
  'huang',
  'zhou',
  'wu',
  'xu',
  'sun',
  'ma',
  'zhu',
  'hu',
  'guo',
  'he',
  'lin',
  'luo',
  'gao',
  'demo',
  'campus',
  'letmein',
]);

/** Digit runs people add to a word: 520 / 1314 (我爱你 / 一生一世), lucky numbers. */
const WEAK_NUMBERS = new Set([
  '520',
  '521',
  '1314',
  '5201314',
  '666',
  '888',
  '168',
  '1688',
  '147258',
  '147258369',
  '159357',
  '123321',
  '112233',
  '0000',
]);

const WALKS = [
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'qazwsxedcrfvtgbyhnujmikolp',
  '01234567890',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
];

function isWalk(run: string): boolean {
  if (run.length < 3) return false;
  return WALKS.some((w) => w.includes(run) || [...w].reverse().join('').includes(run));
}

function isRepeat(run: string): boolean {
  return /^(.)\1*$/.test(run) || /^(..)\1+$/.test(run) || /^(...)\1+$/.test(run);
}

function isDate(run: string): boolean {
  const year = (y: string) => Number(y) >= 1950 && Number(y) <= 2039;
  if (run.length === 4) return year(run);
  if (run.length !== 8) return false;
  const month = Number(run.slice(4, 6));
  const day = Number(run.slice(6, 8));
  return year(run.slice(0, 4)) && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

function isWeakRun(run: string): boolean {
  if (/^[a-z]+$/.test(run)) return run.length <= 2 || WEAK_WORDS.has(run) || isWalk(run) || isRepeat(run);
  if (/^[0-9]+$/.test(run))
    return run.length <= 2 || WEAK_NUMBERS.has(run) || isWalk(run) || isRepeat(run) || isDate(run);
  return run.length <= 2;
}

/**
 * Built only from what a guesser tries first: a weak word or walk, a year, a date, a run of one digit,
 * 520/1314, a symbol or two (`abc12345`, `a123456789`, `woaini1314`, `Admin@2026`, `qwer!1234`).
 */
function isPredictable(lower: string): boolean {
  const runs = lower.match(/[a-z]+|[0-9]+|[^a-z0-9]+/g) ?? [];
  return runs.length <= 4 && runs.every(isWeakRun);
}

/**
 * Why `password` may not be used, or null. With `username`, it must also not contain the 学号/工号
 * (an attacker's first guess for that account), whatever the letter case.
 */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位`;
  if (password.length > PASSWORD_MAX_LENGTH) return `密码最多 ${PASSWORD_MAX_LENGTH} 位`;
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) return '密码须同时包含字母和数字';
  const lower = password.toLowerCase();
  if (username !== undefined) {
    const key = usernameKey(username);
    if (key.length > 0 && lower.includes(key)) return '密码不能包含学号/工号';
  }
  if (COMMON.has(lower) || isPredictable(lower)) return '密码过于常见或有规律，容易被猜到，请换一个';
  return null;
}
