import {
  normalizeUsername,
  passwordProblem,
  Role,
  ROLE_LABELS,
  usernameKey,
  type RosterRowError,
} from '@campus/shared';
import type { Principal } from '../../common/auth/principal';
import type { College } from '../org/college.entity';
import type { Department } from '../org/department.entity';
import type { SchoolClass } from '../org/school-class.entity';
import type { User } from '../users/user.entity';
import {
  COLUMN_LABEL,
  roleFromLabel,
  splitClassNames,
  type RosterFieldOrDepartment,
  type RosterRow,
  type RosterSheet,
} from './roster-columns';

/** A valid row, as the person it describes should be after the import. */
export interface PlannedPerson {
  rowNumber: number;
  /** As the file spells it (trimmed, NFKC); stored only for a new account. */
  username: string;
  /** usernameKey(username): the account this row is about. */
  key: string;
  name: string;
  role: Role;
  collegeName: string | null;
  className: string | null;
  /** undefined: the file has no 部门 column, so the stored department is kept. */
  departmentName: string | null | undefined;
  /** undefined: the file has no 手机号 column, so the stored phone is kept. */
  phone: string | null | undefined;
  initialPassword: string | null;
  /** undefined: keep the teacher's classes as they are. */
  teachingClassNames: string[] | undefined;
}

export interface ClassDefinition {
  collegeName: string;
  enrollmentYear: number | null;
  rowNumber: number;
}

/** The school as it is now: what the import compares against. */
export interface Existing {
  colleges: Map<string, College>;
  collegeNameById: Map<number, string>;
  classes: Map<string, SchoolClass>;
  classNameById: Map<number, string>;
  departments: Map<string, Department>;
  departmentNameById: Map<number, string>;
  /** Existing accounts named by the file, by usernameKey: every decision is made on the row that matches. */
  users: Map<string, User>;
  teaching: Map<number, Set<string>>;
}

const USERNAME = /^[A-Za-z0-9_-]{2,32}$/;
const PHONE = /^1\d{10}$/;

/** Validates every row; collects all problems instead of stopping at the first. */
export function planRoster(
  principal: Principal,
  assignable: ReadonlySet<Role>,
  sheet: RosterSheet,
  existing: Existing,
): { people: PlannedPerson[]; classes: Map<string, ClassDefinition>; errors: RosterRowError[] } {
  const errors: RosterRowError[] = [];
  const people: PlannedPerson[] = [];
  const classes = new Map<string, ClassDefinition>();
  const firstRowOf = new Map<string, number>();
  const ownCollege =
    principal.role === Role.CollegeAdmin ? (existing.collegeNameById.get(principal.collegeId ?? -1) ?? null) : null;
  const pendingTeaching: Array<{ row: RosterRow; names: string[] }> = [];

  for (const row of sheet.rows) {
    const problems: RosterRowError[] = [];
    const fail = (field: RosterFieldOrDepartment, message: string) =>
      problems.push({ row: row.rowNumber, column: COLUMN_LABEL[field], message });
    const cell = (field: RosterFieldOrDepartment) => (row.cells[field] ?? '').trim();

    const username = normalizeUsername(row.cells.username ?? '');
    const key = usernameKey(username);
    if (!username) fail('username', '学号/工号不能为空');
    else if (!USERNAME.test(username)) fail('username', '学号/工号只能包含字母、数字、下划线或连字符，长度 2–32');
    else if (firstRowOf.has(key))
      fail('username', `学号/工号「${username}」与第 ${firstRowOf.get(key)} 行重复（不区分大小写）`);
    else firstRowOf.set(key, row.rowNumber);

    const name = cell('name');
    if (!name) fail('name', '姓名不能为空');
    else if (name.length > 64) fail('name', '姓名最多 64 个字符');

    const roleLabel = sheet.present.has('role') ? cell('role') : '学生';
    const role = roleLabel ? roleFromLabel(roleLabel) : undefined;
    if (!roleLabel) fail('role', '身份不能为空（学生 / 教师 / 学院管理员 / 学校管理员）');
    else if (!role || role === Role.Sysadmin)
      fail('role', `身份「${roleLabel}」无法识别，应为 学生 / 教师 / 学院管理员 / 学校管理员`);
    else if (!assignable.has(role)) fail('role', `您无权导入「${ROLE_LABELS[role]}」账号`);

    let collegeName: string | null = cell('college') || null;
    if (ownCollege !== null) {
      if (collegeName === null) collegeName = ownCollege;
      else if (collegeName !== ownCollege) fail('college', `只能导入本学院（${ownCollege}）的人员`);
    }
    if (collegeName && collegeName.length > 64) fail('college', '学院名称最多 64 个字符');
    if (!collegeName && (role === Role.Student || role === Role.CollegeAdmin))
      fail('college', '学生和学院管理员必须填写学院');

    let className: string | null = null;
    if (role === Role.Student) {
      className = cell('className') || null;
      const yearText = cell('enrollmentYear');
      const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
      if (!className) fail('className', '学生必须填写班级');
      else if (className.length > 64) fail('className', '班级名称最多 64 个字符');
      if (!yearText) fail('enrollmentYear', '学生必须填写入学年份');
      else if (!(year >= 2000 && year <= 2100)) fail('enrollmentYear', `入学年份「${yearText}」应为四位年份，如 2025`);
      if (className && collegeName && year >= 2000 && year <= 2100) {
        checkClass(className, collegeName, year, row.rowNumber, classes, existing, fail);
      }
    }

    // 部门 decides who reports for a school office (ReportUnitsService): a college admin may name
    // an existing department but not create one.
    const departmentName = sheet.present.has('department') ? cell('department') || null : undefined;
    if (departmentName && departmentName.length > 64) fail('department', '部门名称最多 64 个字符');
    else if (departmentName && ownCollege !== null && !existing.departments.has(departmentName))
      fail('department', `部门「${departmentName}」不存在；新部门只能由学校管理员导入`);

    let phone: string | null | undefined;
    if (sheet.present.has('phone')) {
      phone = cell('phone').replace(/[\s-]/g, '') || null;
      if (phone && !PHONE.test(phone)) fail('phone', `手机号「${cell('phone')}」应为 11 位数字`);
    }

    // A password the school chose is held to the rule people's own passwords meet: long enough,
    // not common, never the 学号/工号 (a 工号 like xy02 used to be its own password).
    const initialPassword = cell('initialPassword') || null;
    const passwordIssue = initialPassword ? passwordProblem(initialPassword, username) : null;
    if (passwordIssue) fail('initialPassword', `初始密码不符合要求：${passwordIssue}`);

    let teachingClassNames: string[] | undefined;
    const teachingText = cell('teachingClasses');
    if (teachingText) {
      if (role !== Role.Teacher) fail('teachingClasses', '只有教师可以填写授课班级');
      else {
        teachingClassNames = splitClassNames(teachingText);
        pendingTeaching.push({ row, names: teachingClassNames });
      }
    }

    // The account this row would change, whatever case or spaces the file used: the role and
    // college checks apply to it, not to what the row claims.
    const current = key ? existing.users.get(key) : undefined;
    if (current) {
      const shown =
        current.username === username ? `「${username}」` : `「${username}」（即已有账号「${current.username}」）`;
      if (current.role === Role.Sysadmin) fail('username', `账号${shown}是系统管理员，不能通过花名册修改`);
      else if (current.id === principal.id) fail('username', `账号${shown}是您本人，不能通过花名册修改自己的账号`);
      else if (!assignable.has(current.role))
        fail('username', `账号${shown}是${ROLE_LABELS[current.role]}，您无权修改`);
      else if (ownCollege !== null && existing.collegeNameById.get(current.collegeId ?? -1) !== ownCollege) {
        fail('username', `学号/工号${shown}已属于其他学院，不能在此导入`);
      }
    }

    if (problems.length > 0 || !role) {
      errors.push(...problems);
      continue;
    }
    people.push({
      rowNumber: row.rowNumber,
      username,
      key,
      name,
      role,
      collegeName,
      className,
      departmentName,
      phone,
      initialPassword,
      teachingClassNames,
    });
  }

  // 授课班级 may name a class defined further down the file, so it is checked after every row.
  // A college admin arranges teaching only in their own college's classes (as in TeachingService).
  for (const { row, names } of pendingTeaching) {
    const unknown = names.filter((n) => !classes.has(n) && !existing.classes.has(n));
    const fail = (message: string) =>
      errors.push({ row: row.rowNumber, column: COLUMN_LABEL.teachingClasses, message });
    if (unknown.length > 0) fail(`授课班级「${unknown.join('、')}」不存在`);
    if (ownCollege === null) continue;
    for (const name of names) {
      const college = collegeOfClass(name, classes, existing);
      if (college !== null && college !== ownCollege) {
        fail(`授课班级「${name}」属于「${college}」，您只能安排本学院（${ownCollege}）的班级`);
      }
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return { people: errors.length > 0 ? [] : people, classes, errors };
}

function checkClass(
  className: string,
  collegeName: string,
  year: number,
  rowNumber: number,
  classes: Map<string, ClassDefinition>,
  existing: Existing,
  fail: (field: RosterFieldOrDepartment, message: string) => void,
): void {
  const stored = existing.classes.get(className);
  if (stored) {
    const storedCollege = existing.collegeNameById.get(stored.collegeId);
    if (storedCollege !== collegeName)
      fail('className', `班级「${className}」属于「${storedCollege}」，与本行学院「${collegeName}」不一致`);
    else if (stored.enrollmentYear !== null && stored.enrollmentYear !== year) {
      fail('enrollmentYear', `班级「${className}」的入学年份为 ${stored.enrollmentYear}，与本行 ${year} 不一致`);
    }
    return;
  }
  const defined = classes.get(className);
  if (!defined) {
    classes.set(className, { collegeName, enrollmentYear: year, rowNumber });
    return;
  }
  if (defined.collegeName !== collegeName) {
    fail('className', `班级「${className}」在第 ${defined.rowNumber} 行属于「${defined.collegeName}」，与本行不一致`);
  } else if (defined.enrollmentYear !== year) {
    fail(
      'enrollmentYear',
      `班级「${className}」在第 ${defined.rowNumber} 行的入学年份为 ${defined.enrollmentYear}，与本行不一致`,
    );
  }
}

function collegeOfClass(name: string, classes: Map<string, ClassDefinition>, existing: Existing): string | null {
  const stored = existing.classes.get(name);
  if (stored) return existing.collegeNameById.get(stored.collegeId) ?? null;
  return classes.get(name)?.collegeName ?? null;
}

/** Whether the row changes the stored account (a new account always does). */
export function personDiffers(p: PlannedPerson, existing: Existing, scopeCollegeId: number | null): boolean {
  const u = existing.users.get(p.key);
  if (!u) return true;
  const same =
    u.name === p.name &&
    u.role === p.role &&
    (existing.collegeNameById.get(u.collegeId ?? -1) ?? null) === p.collegeName &&
    (existing.classNameById.get(u.classId ?? -1) ?? null) === p.className &&
    (p.departmentName === undefined ||
      (existing.departmentNameById.get(u.departmentId ?? -1) ?? null) === p.departmentName) &&
    (p.phone === undefined || u.phone === p.phone);
  if (!same) return true;
  if (p.teachingClassNames === undefined) return false;
  // A college admin's file speaks only for their college's classes (see writePeople).
  const current = new Set(
    [...(existing.teaching.get(u.id) ?? [])].filter(
      (n) => scopeCollegeId === null || existing.classes.get(n)?.collegeId === scopeCollegeId,
    ),
  );
  return current.size !== p.teachingClassNames.length || p.teachingClassNames.some((n) => !current.has(n));
}
