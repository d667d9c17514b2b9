import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import {
  normalizeUsername,
  passwordProblem,
  Role,
  ROLE_LABELS,
  usernameKey,
  type RosterImportResult,
  type RosterRowError,
} from '@campus/shared';
import { In, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import { PasswordHasher } from '../../common/auth/password-hasher';
import type { Principal } from '../../common/auth/principal';
import { PrincipalCache } from '../../common/auth/principal-cache';
import { readTabularFile } from '../../common/files/tabular-file';
import { Sql } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { College } from '../org/college.entity';
import { Department } from '../org/department.entity';
import { SchoolClass } from '../org/school-class.entity';
import { TeachingAssignment } from '../users/teaching-assignment.entity';
import { User } from '../users/user.entity';
import {
  COLUMN_LABEL,
  generateInitialPassword,
  roleFromLabel,
  splitClassNames,
  toRosterSheet,
  type RosterFieldOrDepartment,
  type RosterRow,
  type RosterSheet,
} from './roster-columns';

/** A valid row, as the person it describes should be after the import. */
interface PlannedPerson {
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

interface ClassDefinition {
  collegeName: string;
  enrollmentYear: number | null;
  rowNumber: number;
}

/** The school as it is now: what the import compares against. */
interface Existing {
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
const LOOKUP_CHUNK = 1000;

/** A whole school's roster in one file (the benchmark imports 30,000 rows); beyond, split the file. */
export const ROSTER_MAX_ROWS = 50_000;

/**
 * Imports a school's roster: validates every row first, then writes everything in one transaction
 * or nothing at all. Bulk statements keep 30,000 rows within seconds (`pnpm bench:roster`).
 */
@Injectable()
export class RosterImportService {
  constructor(
    private readonly sql: Sql,
    private readonly access: AccessService,
    private readonly hasher: PasswordHasher,
    private readonly principals: PrincipalCache,
    private readonly audit: AuditService,
  ) {}

  async import(principal: Principal, file: Buffer, dryRun: boolean): Promise<RosterImportResult> {
    return this.importSheet(
      principal,
      toRosterSheet(await readTabularFile(file, { maxRows: ROSTER_MAX_ROWS })),
      dryRun,
    );
  }

  async importSheet(principal: Principal, sheet: RosterSheet, dryRun: boolean): Promise<RosterImportResult> {
    if (sheet.rows.length === 0) throw new UnprocessableEntityException('文件中只有表头，没有人员数据');
    const existing = await this.loadExisting(sheet);
    const { people, classes, errors } = this.plan(principal, sheet, existing);
    const scope = this.scopeCollegeId(principal);

    const isNew = (p: PlannedPerson) => !existing.users.has(p.key);
    const changed = people.filter((p) => !isNew(p) && this.differs(p, existing, scope));
    const created = people.filter(isNew);
    const newColleges = [
      ...new Set([...people.map((p) => p.collegeName), ...[...classes.values()].map((c) => c.collegeName)]),
    ].filter((n): n is string => n !== null && !existing.colleges.has(n));
    const newClasses = [...classes.keys()].filter((n) => !existing.classes.has(n));
    const result: RosterImportResult = {
      dryRun,
      created: created.length,
      updated: changed.length,
      unchanged: people.length - created.length - changed.length,
      errors,
      newColleges,
      newClasses,
      generatedPasswords: created.filter((p) => p.initialPassword === null).length,
    };
    if (errors.length > 0) {
      throw new UnprocessableEntityException({
        message: `花名册有 ${errors.length} 处错误，未导入任何数据，请修改后重新上传`,
        ...result,
        created: 0,
        updated: 0,
        unchanged: 0,
        generatedPasswords: 0,
      });
    }
    if (dryRun) return result;

    // Drawn only now, for the accounts about to be created: shown once in this answer, kept as a digest.
    const initialPasswords = created
      .filter((p) => p.initialPassword === null)
      .map((p) => {
        p.initialPassword = generateInitialPassword(p.username);
        return { username: p.username, name: p.name, password: p.initialPassword };
      });

    await this.sql.transaction(async (manager) => {
      await this.createOrganisation(manager, people, classes, existing);
      await this.writePeople(manager, created, changed, existing, scope);
    });
    for (const p of changed) {
      const user = existing.users.get(p.key);
      if (user) this.principals.evict(user.id);
    }
    // Role changes are what an audit reader looks for first; listed by name (the first 200).
    const roleChanges = changed
      .filter((p) => existing.users.get(p.key)?.role !== p.role)
      .slice(0, 200)
      .map((p) => {
        const user = existing.users.get(p.key);
        return { username: user?.username ?? p.username, from: user?.role, to: p.role };
      });
    const roleNote = roleChanges.length > 0 ? `，其中 ${roleChanges.length} 人身份变更` : '';
    const passwordNote = initialPasswords.length > 0 ? `，生成随机初始密码 ${initialPasswords.length} 个` : '';
    await this.audit.record(
      principal,
      'roster.import',
      { type: 'roster' },
      `导入花名册：新增 ${result.created} 人，更新 ${result.updated} 人${roleNote}${passwordNote}`,
      {
        roleChanges,
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
        newColleges: result.newColleges,
        newClasses: result.newClasses,
        generatedPasswords: initialPasswords.length,
      },
    );
    return { ...result, initialPasswords };
  }

  private async loadExisting(sheet: RosterSheet): Promise<Existing> {
    const manager = this.sql.dataSource.manager;
    const [colleges, classes, departments] = await Promise.all([
      manager.find(College),
      manager.find(SchoolClass),
      manager.find(Department),
    ]);
    const keys = [...new Set(sheet.rows.map((r) => usernameKey(r.cells.username ?? '')).filter(Boolean))];
    const users = new Map<string, User>();
    for (let i = 0; i < keys.length; i += LOOKUP_CHUNK) {
      const found = await manager.find(User, { where: { usernameKey: In(keys.slice(i, i + LOOKUP_CHUNK)) } });
      for (const u of found) users.set(u.usernameKey, u);
    }
    const classNameById = new Map(classes.map((c) => [c.id, c.name]));
    const teacherIds = [...users.values()].filter((u) => u.role === Role.Teacher).map((u) => u.id);
    const teaching = new Map<number, Set<string>>();
    for (let i = 0; i < teacherIds.length; i += LOOKUP_CHUNK) {
      const rows = await manager.find(TeachingAssignment, {
        where: { teacherId: In(teacherIds.slice(i, i + LOOKUP_CHUNK)) },
      });
      for (const row of rows) {
        const set = teaching.get(row.teacherId) ?? new Set<string>();
        set.add(classNameById.get(row.classId) ?? '');
        teaching.set(row.teacherId, set);
      }
    }
    return {
      colleges: new Map(colleges.map((c) => [c.name, c])),
      collegeNameById: new Map(colleges.map((c) => [c.id, c.name])),
      classes: new Map(classes.map((c) => [c.name, c])),
      classNameById,
      departments: new Map(departments.map((d) => [d.name, d])),
      departmentNameById: new Map(departments.map((d) => [d.id, d.name])),
      users,
      teaching,
    };
  }

  /** Validates every row; collects all problems instead of stopping at the first. */
  private plan(principal: Principal, sheet: RosterSheet, existing: Existing) {
    const errors: RosterRowError[] = [];
    const people: PlannedPerson[] = [];
    const classes = new Map<string, ClassDefinition>();
    const firstRowOf = new Map<string, number>();
    const assignable = this.access.assignableRoles(principal);
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
        else if (!(year >= 2000 && year <= 2100))
          fail('enrollmentYear', `入学年份「${yearText}」应为四位年份，如 2025`);
        if (className && collegeName && year >= 2000 && year <= 2100) {
          this.checkClass(className, collegeName, year, row.rowNumber, classes, existing, fail);
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
        const college = this.collegeOfClass(name, classes, existing);
        if (college !== null && college !== ownCollege) {
          fail(`授课班级「${name}」属于「${college}」，您只能安排本学院（${ownCollege}）的班级`);
        }
      }
    }
    errors.sort((a, b) => a.row - b.row);
    return { people: errors.length > 0 ? [] : people, classes, errors };
  }

  private checkClass(
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

  /** The college a college admin's import is confined to; null for school-wide importers. */
  private scopeCollegeId(principal: Principal): number | null {
    return principal.role === Role.CollegeAdmin ? principal.collegeId : null;
  }

  private collegeOfClass(name: string, classes: Map<string, ClassDefinition>, existing: Existing): string | null {
    const stored = existing.classes.get(name);
    if (stored) return existing.collegeNameById.get(stored.collegeId) ?? null;
    return classes.get(name)?.collegeName ?? null;
  }

  private differs(p: PlannedPerson, existing: Existing, scopeCollegeId: number | null): boolean {
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

  private async createOrganisation(
    manager: EntityManager,
    people: PlannedPerson[],
    classes: Map<string, ClassDefinition>,
    existing: Existing,
  ): Promise<void> {
    const collegeNames = new Set<string>();
    for (const p of people) if (p.collegeName) collegeNames.add(p.collegeName);
    for (const c of classes.values()) collegeNames.add(c.collegeName);
    const missingColleges = [...collegeNames].filter((n) => !existing.colleges.has(n));
    if (missingColleges.length > 0) {
      let next = nextCollegeNumber([...existing.colleges.values()]);
      for (const name of missingColleges) {
        const saved = await manager.save(
          College,
          manager.create(College, { name, code: `C${String(next++).padStart(3, '0')}` }),
        );
        existing.colleges.set(name, saved);
      }
    }
    const missingDepartments = [...new Set(people.map((p) => p.departmentName).filter((n): n is string => !!n))].filter(
      (n) => !existing.departments.has(n),
    );
    for (const name of missingDepartments) {
      existing.departments.set(name, await manager.save(Department, manager.create(Department, { name })));
    }
    const missingClasses = [...classes.entries()].filter(([name]) => !existing.classes.has(name));
    if (missingClasses.length > 0) {
      await this.sql.insertMany(
        manager,
        'school_class',
        ['name', 'college_id', 'enrollment_year', 'created_at'],
        missingClasses.map(([name, c]) => [
          name,
          existing.colleges.get(c.collegeName)!.id,
          c.enrollmentYear,
          new Date(),
        ]),
      );
      const saved = await manager.find(SchoolClass, { where: { name: In(missingClasses.map(([n]) => n)) } });
      for (const c of saved) existing.classes.set(c.name, c);
    }
  }

  /**
   * New accounts are inserted and existing ones updated by id: which account a row changes was decided
   * by usernameKey in plan(), never again by the database's collation during an upsert on the name.
   * A college admin's 授课班级 replace only the teacher's classes of that college: classes of other
   * colleges, arranged by the school, are not theirs to remove.
   */
  private async writePeople(
    manager: EntityManager,
    created: PlannedPerson[],
    changed: PlannedPerson[],
    existing: Existing,
    scopeCollegeId: number | null,
  ): Promise<void> {
    const now = new Date();
    const idOf = <T extends { id: number }>(map: Map<string, T>, name: string | null | undefined) =>
      name ? map.get(name)!.id : null;
    const columns = [
      'username',
      'username_key',
      'name',
      'role',
      'college_id',
      'class_id',
      'department_id',
      'phone',
      'password_hash',
      'must_change_password',
      'token_version',
      'disabled',
      'created_at',
      'updated_at',
    ];
    const organisation = (p: PlannedPerson, current?: User) => [
      idOf(existing.colleges, p.collegeName),
      idOf(existing.classes, p.className),
      p.departmentName === undefined && current ? current.departmentId : idOf(existing.departments, p.departmentName),
    ];
    await this.sql.insertMany(
      manager,
      'user',
      columns,
      created.map((p) => [
        p.username,
        p.key,
        p.name,
        p.role,
        ...organisation(p),
        p.phone ?? null,
        this.hasher.initialHash(p.initialPassword ?? generateInitialPassword(p.username)),
        true,
        0,
        false,
        now,
        now,
      ]),
    );
    const updates = changed.map((p) => {
      const u = existing.users.get(p.key)!;
      return [
        u.id,
        u.username,
        u.usernameKey,
        p.name,
        p.role,
        ...organisation(p, u),
        p.phone === undefined ? u.phone : p.phone,
        // The insert half never runs (the id exists): a stored password is never touched by an import.
        u.passwordHash,
        u.mustChangePassword,
        u.tokenVersion,
        u.disabled,
        u.createdAt,
        now,
      ];
    });
    await this.sql.upsertMany(manager, 'user', ['id', ...columns], updates, 'id', [
      'name',
      'role',
      'college_id',
      'class_id',
      'department_id',
      'phone',
      'updated_at',
    ]);

    const teachers = [...created, ...changed].filter((p) => p.teachingClassNames !== undefined);
    if (teachers.length === 0) return;
    const ids = new Map<string, number>();
    for (const p of changed) ids.set(p.key, existing.users.get(p.key)!.id);
    const createdTeachers = teachers.filter((t) => !ids.has(t.key));
    for (let i = 0; i < createdTeachers.length; i += LOOKUP_CHUNK) {
      const found = await manager.find(User, {
        where: { usernameKey: In(createdTeachers.slice(i, i + LOOKUP_CHUNK).map((t) => t.key)) },
        select: { id: true, usernameKey: true },
      });
      for (const u of found) ids.set(u.usernameKey, u.id);
    }
    const teacherIds = teachers.map((t) => ids.get(t.key)!);
    for (let i = 0; i < teacherIds.length; i += LOOKUP_CHUNK) {
      const qb = manager
        .createQueryBuilder()
        .delete()
        .from(TeachingAssignment)
        .where('teacher_id IN (:...ids)', { ids: teacherIds.slice(i, i + LOOKUP_CHUNK) });
      if (scopeCollegeId !== null) {
        qb.andWhere('class_id IN (SELECT id FROM school_class WHERE college_id = :college)', {
          college: scopeCollegeId,
        });
      }
      await qb.execute();
    }
    const assignments = teachers.flatMap((t) =>
      (t.teachingClassNames ?? []).map((n) => [ids.get(t.key), existing.classes.get(n)!.id]),
    );
    await this.sql.insertMany(manager, 'teaching_assignment', ['teacher_id', 'class_id'], assignments, {
      ignoreDuplicates: true,
    });
  }
}

function nextCollegeNumber(colleges: College[]): number {
  const numbers = colleges.map((c) => Number(/^C(\d+)$/.exec(c.code)?.[1] ?? 0));
  return Math.max(0, ...numbers) + 1;
}
