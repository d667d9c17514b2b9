import { randomInt } from 'node:crypto';
import {
  passwordProblem,
  ROSTER_COLUMNS,
  ROSTER_ROLE_LABELS,
  Role,
  type RosterField,
  type RosterRowError,
} from '@campus/shared';
import { UnprocessableEntityException } from '@nestjs/common';
import type { Tabular } from '../../common/files/tabular-file';

export type RosterFieldOrDepartment = RosterField | 'department';

/** Header spellings people actually use, mapped to the template's columns. */
const HEADER_ALIASES: Record<string, RosterFieldOrDepartment> = {
  学号工号: 'username',
  '学号/工号': 'username',
  学号: 'username',
  工号: 'username',
  账号: 'username',
  姓名: 'name',
  身份: 'role',
  角色: 'role',
  学院: 'college',
  二级学院: 'college',
  所属学院: 'college',
  班级: 'className',
  入学年份: 'enrollmentYear',
  年级: 'enrollmentYear',
  初始密码: 'initialPassword',
  密码: 'initialPassword',
  手机号: 'phone',
  手机: 'phone',
  手机号码: 'phone',
  联系电话: 'phone',
  授课班级: 'teachingClasses',
  部门: 'department',
};

export const COLUMN_LABEL: Record<RosterFieldOrDepartment, string> = { ...ROSTER_COLUMNS, department: '部门' };

/** One data row of the file, its cells keyed by field. */
export interface RosterRow {
  rowNumber: number;
  cells: Partial<Record<RosterFieldOrDepartment, string>>;
}

export interface RosterSheet {
  present: ReadonlySet<RosterFieldOrDepartment>;
  rows: RosterRow[];
}

/** Maps the header row to fields; a file without the required columns is refused as a whole. */
export function toRosterSheet(table: Tabular): RosterSheet {
  const indexOf = new Map<RosterFieldOrDepartment, number>();
  table.header.forEach((raw, i) => {
    const field = HEADER_ALIASES[raw];
    if (field && !indexOf.has(field)) indexOf.set(field, i);
  });
  const missing = (['username', 'name'] as const).filter((f) => !indexOf.has(f));
  if (missing.length > 0) {
    const errors: RosterRowError[] = missing.map((f) => ({
      row: 1,
      column: COLUMN_LABEL[f],
      message: `缺少「${COLUMN_LABEL[f]}」列`,
    }));
    throw new UnprocessableEntityException({
      message: `表头缺少必需的列：${missing.map((f) => COLUMN_LABEL[f]).join('、')}。请使用下载的模板`,
      created: 0,
      updated: 0,
      unchanged: 0,
      errors,
    });
  }
  const rows = table.rows.map((r) => {
    const cells: RosterRow['cells'] = {};
    for (const [field, index] of indexOf) cells[field] = r.cells[index] ?? '';
    return { rowNumber: r.rowNumber, cells };
  });
  return { present: new Set(indexOf.keys()), rows };
}

export function roleFromLabel(label: string): Role | undefined {
  const text = label.trim();
  const value = (ROSTER_ROLE_LABELS as Record<string, string>)[text];
  return Object.values(Role).find((r) => r === value || r === (text as Role));
}

/** Separators a person may type between class names: 、，,;； and spaces. */
export function splitClassNames(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[、，,;；\s]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** Letters and digits nobody misreads on a printed list: no 0/O/o, 1/l/I/i, 2/Z/z, 5/S/s, 8/B. */
const READABLE_LETTERS = 'abcdefghjkmnpqrtuvwxyACDEFGHJKLMNPQRTUVWXY';
const READABLE_DIGITS = '34679';
export const INITIAL_PASSWORD_LENGTH = 10;

/**
 * A random initial password: 10 characters of a readable alphabet with at least two digits and two
 * letters (≈ 55 bits), drawn again in the rare case the shared password rule refuses it.
 */
export function generateInitialPassword(username: string): string {
  const all = READABLE_LETTERS + READABLE_DIGITS;
  for (;;) {
    const chars = [
      ...Array.from({ length: 2 }, () => READABLE_DIGITS[randomInt(READABLE_DIGITS.length)]!),
      ...Array.from({ length: 2 }, () => READABLE_LETTERS[randomInt(READABLE_LETTERS.length)]!),
      ...Array.from({ length: INITIAL_PASSWORD_LENGTH - 4 }, () => all[randomInt(all.length)]!),
    ];
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    const password = chars.join('');
    if (passwordProblem(password, username) === null) return password;
  }
}
