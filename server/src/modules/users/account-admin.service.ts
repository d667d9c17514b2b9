import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import {
  ROLE_LABELS,
  Role,
  usernameKey,
  type ApiErrorItem,
  type BulkUserResult,
  type PasswordResetResult,
  type UserCreateResult,
  type UserDetailDto,
  type UserDto,
} from '@campus/shared';
import { In, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import { LoginThrottle } from '../../common/auth/login-throttle';
import { PasswordHasher } from '../../common/auth/password-hasher';
import type { Principal } from '../../common/auth/principal';
import { PrincipalCache } from '../../common/auth/principal-cache';
import { isDuplicateKeyError } from '../../database/db-errors';
import { Sql } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { College } from '../org/college.entity';
import { Department } from '../org/department.entity';
import { SchoolClass } from '../org/school-class.entity';
import { generateInitialPassword } from '../roster/roster-columns';
import type { BulkUserDto, UserCreateDto, UserUpdateDto } from './dto/account.dto';
import { TeachingAssignment } from './teaching-assignment.entity';
import { mapUser } from './user.mapper';
import { User } from './user.entity';

/** What an audit line keeps of an account, before and after a change (never the password). */
interface AccountSnapshot {
  name: string;
  role: Role;
  college: string | null;
  className: string | null;
  department: string | null;
  phone: string | null;
  disabled: boolean;
}

const RECENT_AUDIT = 20;

/**
 * Account management by college admins (their college's students and teachers), school admins and
 * sysadmins. Who may touch which account, and grant which role, is AccessService's; every change is
 * audited with the account before and after. A change that affects what a session may do (role,
 * college, class, name, disabled, password) evicts the cached principal on every instance, so a
 * disabled account's tokens stop at once, everywhere.
 */
@Injectable()
export class AccountAdminService {
  constructor(
    private readonly sql: Sql,
    private readonly access: AccessService,
    private readonly hasher: PasswordHasher,
    private readonly principals: PrincipalCache,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, input: UserCreateDto): Promise<UserCreateResult> {
    const collegeId = input.collegeId ?? (principal.role === Role.CollegeAdmin ? principal.collegeId : null);
    const placement = await this.placement(this.sql.dataSource.manager, input.role, {
      collegeId,
      classId: input.classId ?? null,
      departmentId: input.departmentId ?? null,
    });
    this.access.assertCanAssign(principal, input.role, placement.collegeId);
    const password = generateInitialPassword(input.username);
    const repo = this.sql.dataSource.getRepository(User);
    if (await repo.existsBy({ usernameKey: usernameKey(input.username) })) {
      throw conflict('username', `学号/工号「${input.username}」已存在`);
    }
    const saved = await repo
      .save(
        repo.create({
          username: input.username,
          name: input.name,
          role: input.role,
          ...placement,
          phone: input.phone ?? null,
          passwordHash: this.hasher.initialHash(password),
          mustChangePassword: true,
        }),
      )
      .catch((error: unknown) => {
        // Another admin added the same 学号/工号 a moment ago: the unique key refuses the second.
        if (isDuplicateKeyError(error)) throw conflict('username', `学号/工号「${input.username}」已存在`);
        throw error;
      });
    const user = await this.load(saved.id);
    await this.audit.record(
      principal,
      'user.create',
      { type: 'user', id: user.id, name: user.name },
      `添加${ROLE_LABELS[user.role]} ${user.username} ${user.name}`,
      { after: snapshot(user) },
    );
    return { user: mapUser(user), initialPassword: password };
  }

  async update(principal: Principal, id: number, input: UserUpdateDto): Promise<UserDto> {
    const user = await this.load(id);
    this.access.assertCanManage(principal, user);
    const before = snapshot(user);
    const role = input.role ?? user.role;
    // Moving a student to a class also moves them to its college; a new role that has no class
    // (a student made a teacher) drops the class.
    const placement = await this.placement(this.sql.dataSource.manager, role, {
      collegeId: input.collegeId !== undefined ? input.collegeId : user.collegeId,
      classId: input.classId !== undefined ? input.classId : user.classId,
      departmentId: input.departmentId !== undefined ? input.departmentId : user.departmentId,
    });
    this.access.assertCanAssign(principal, role, placement.collegeId);
    const changes: Partial<User> = {
      name: input.name ?? user.name,
      role,
      ...placement,
      phone: input.phone !== undefined ? input.phone : user.phone,
    };
    await this.sql.dataSource.getRepository(User).update({ id }, changes);
    this.principals.evict(id);
    const updated = await this.load(id);
    const after = snapshot(updated);
    const changed = changedFields(before, after);
    if (changed.length > 0) {
      await this.audit.record(
        principal,
        'user.update',
        { type: 'user', id, name: updated.name },
        `修改 ${updated.username} ${updated.name}：${changed.join('、')}`,
        { before, after },
      );
    }
    return mapUser(updated, await this.teachingClassIds(id));
  }

  /**
   * Disabling ends every session of the account at once: the token version moves on (so enabling
   * it later does not bring old tokens back) and the cached principal is evicted on every instance.
   */
  async setDisabled(principal: Principal, id: number, disabled: boolean): Promise<UserDto> {
    const user = await this.load(id);
    this.access.assertCanManage(principal, user);
    if (user.disabled !== disabled) {
      // The retention period of a person gone counts from disabledAt (RetentionService); enabled
      // again, they are a current person, graduate or not.
      const changes = disabled
        ? { disabled, disabledAt: new Date(), tokenVersion: user.tokenVersion + 1 }
        : { disabled, disabledAt: null, archivedAt: null };
      await this.sql.dataSource.getRepository(User).update({ id }, changes);
      this.principals.evict(id);
      Object.assign(user, changes);
      await this.audit.record(
        principal,
        disabled ? 'user.disable' : 'user.enable',
        { type: 'user', id, name: user.name },
        `${disabled ? '停用' : '启用'}账号 ${user.username} ${user.name}`,
        { before: { disabled: !disabled }, after: { disabled } },
      );
    }
    return mapUser(user, await this.teachingClassIds(id));
  }

  /** Clears the wrong-password pause (shared by all instances through Redis when configured). */
  async unlock(principal: Principal, id: number): Promise<void> {
    const user = await this.load(id);
    this.access.assertCanManage(principal, user);
    const before = await this.throttle.accountStatus(user.username);
    await this.throttle.unlock([user.username]);
    await this.audit.record(
      principal,
      'user.unlock',
      { type: 'user', id, name: user.name },
      `解除 ${user.username} ${user.name} 的登录锁定`,
      {
        before: {
          failures: before.failures,
          lockedUntil: before.lockedUntil === null ? null : new Date(before.lockedUntil).toISOString(),
        },
        after: { failures: 0, lockedUntil: null },
      },
    );
  }

  /**
   * A new random one-time password, answered once and stored as the roster's initial passwords are
   * (a keyed digest, no slow hash); the person must change it at next sign-in, and every session of
   * the account ends now.
   */
  async resetPassword(principal: Principal, id: number): Promise<PasswordResetResult> {
    const user = await this.load(id);
    this.access.assertCanManage(principal, user);
    const password = generateInitialPassword(user.username);
    await this.sql.dataSource.getRepository(User).update(
      { id },
      {
        passwordHash: this.hasher.initialHash(password),
        mustChangePassword: true,
        tokenVersion: user.tokenVersion + 1,
      },
    );
    this.principals.evict(id);
    await this.throttle.unlock([user.username]);
    await this.audit.record(
      principal,
      'user.password-reset',
      { type: 'user', id, name: user.name },
      `重置 ${user.username} ${user.name} 的密码（一次性密码，下次登录须修改）`,
      { before: { mustChangePassword: user.mustChangePassword }, after: { mustChangePassword: true } },
    );
    return { username: user.username, name: user.name, password };
  }

  /**
   * One action on many accounts, all or nothing: every selected account is checked inside the
   * transaction and the first refusal names its row (its place in the selection) and the person.
   */
  async bulk(principal: Principal, input: BulkUserDto): Promise<BulkUserResult> {
    const ids = [...new Set(input.userIds)];
    const outcome = await this.sql.transaction(async (manager) => {
      const users = await manager.find(User, {
        where: { id: In(ids) },
        relations: { college: true, schoolClass: true, department: true },
      });
      const byId = new Map(users.map((u) => [u.id, u]));
      const target = input.action === 'move-class' ? await this.targetClass(manager, principal, input.classId) : null;
      const errors: ApiErrorItem[] = [];
      ids.forEach((id, index) => {
        const user = byId.get(id);
        const problem = user ? this.bulkProblem(principal, user, input, target) : '该人员不存在';
        if (problem) errors.push({ row: index + 1, item: user?.username ?? String(id), message: problem });
      });
      if (errors.length > 0) {
        const first = errors[0]!;
        const who = byId.get(ids[first.row! - 1]!);
        throw new BadRequestException({
          message: `第 ${first.row} 行（${who ? `${who.username} ${who.name}` : `编号 ${first.item}`}）：${first.message}；全部未执行`,
          errors,
        });
      }
      const ordered = ids.map((id) => byId.get(id)!);
      const passwords: PasswordResetResult[] = [];
      for (const user of ordered) {
        const changes = this.bulkChanges(input, user, target, passwords);
        if (changes) await manager.update(User, { id: user.id }, changes);
      }
      return { users: ordered, passwords, target };
    });

    for (const user of outcome.users) this.principals.evict(user.id);
    if (input.action === 'reset-password') await this.throttle.unlock(outcome.users.map((u) => u.username));
    await this.audit.recordMany(
      principal,
      BULK_AUDIT[input.action],
      outcome.users.map((user) => this.bulkAuditLine(input, user, outcome.target)),
    );
    return {
      action: input.action,
      changed: outcome.users.length,
      ...(input.action === 'reset-password' ? { passwords: outcome.passwords } : {}),
    };
  }

  /** A person's page (sysadmin): who they are, where, how they last signed in, what was done to them. */
  async detail(id: number): Promise<UserDetailDto> {
    const user = await this.load(id);
    const teaching = await this.sql.dataSource
      .getRepository(TeachingAssignment)
      .find({ where: { teacherId: id }, relations: { schoolClass: true } });
    const lock = await this.throttle.accountStatus(user.username);
    return {
      ...mapUser(
        user,
        teaching.map((t) => t.classId),
      ),
      departmentName: user.department?.name ?? null,
      teachingClasses: teaching
        .filter((t) => t.schoolClass)
        .map((t) => ({ id: t.classId, name: t.schoolClass!.name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
      createdAt: user.createdAt.toISOString(),
      lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
      lastLoginMethod: user.lastLoginMethod,
      lock: {
        failures: lock.failures,
        locked: lock.lockedUntil !== null,
        lockedUntil: lock.lockedUntil === null ? null : new Date(lock.lockedUntil).toISOString(),
      },
      recentAudit: await this.audit.recentFor({ type: 'user', id }, RECENT_AUDIT),
    };
  }

  private bulkProblem(principal: Principal, user: User, input: BulkUserDto, target: SchoolClass | null): string | null {
    const problem = this.access.manageProblem(principal, user);
    if (problem) return problem;
    if (input.action === 'move-class') {
      if (user.role !== Role.Student) return `只有学生可以调整班级（此人为${ROLE_LABELS[user.role]}）`;
      if (target && user.classId === target.id) return `已在「${target.name}」`;
    }
    return null;
  }

  private bulkChanges(
    input: BulkUserDto,
    user: User,
    target: SchoolClass | null,
    passwords: PasswordResetResult[],
  ): Partial<User> | null {
    switch (input.action) {
      case 'disable':
        return user.disabled ? null : { disabled: true, disabledAt: new Date(), tokenVersion: user.tokenVersion + 1 };
      case 'enable':
        return user.disabled ? { disabled: false, disabledAt: null, archivedAt: null } : null;
      case 'reset-password': {
        const password = generateInitialPassword(user.username);
        passwords.push({ username: user.username, name: user.name, password });
        return {
          passwordHash: this.hasher.initialHash(password),
          mustChangePassword: true,
          tokenVersion: user.tokenVersion + 1,
        };
      }
      case 'move-class':
        return { classId: target!.id, collegeId: target!.collegeId };
    }
  }

  private bulkAuditLine(input: BulkUserDto, user: User, target: SchoolClass | null) {
    const who = `${user.username} ${user.name}`;
    switch (input.action) {
      case 'disable':
        return {
          target: { type: 'user' as const, id: user.id, name: user.name },
          summary: `批量停用账号 ${who}`,
          details: { before: { disabled: user.disabled }, after: { disabled: true } },
        };
      case 'enable':
        return {
          target: { type: 'user' as const, id: user.id, name: user.name },
          summary: `批量启用账号 ${who}`,
          details: { before: { disabled: user.disabled }, after: { disabled: false } },
        };
      case 'reset-password':
        return {
          target: { type: 'user' as const, id: user.id, name: user.name },
          summary: `批量重置密码 ${who}（一次性密码，下次登录须修改）`,
          details: { before: { mustChangePassword: user.mustChangePassword }, after: { mustChangePassword: true } },
        };
      case 'move-class':
        return {
          target: { type: 'user' as const, id: user.id, name: user.name },
          summary: `批量调整班级 ${who}：${user.schoolClass?.name ?? '无'} → ${target!.name}`,
          details: {
            before: { className: user.schoolClass?.name ?? null, college: user.college?.name ?? null },
            after: { className: target!.name, college: target!.college?.name ?? null },
          },
        };
    }
  }

  private async targetClass(
    manager: EntityManager,
    principal: Principal,
    classId: number | undefined,
  ): Promise<SchoolClass> {
    const found =
      classId === undefined
        ? null
        : await manager.findOne(SchoolClass, { where: { id: classId }, relations: { college: true } });
    if (!found) throw invalid('classId', '要调入的班级不存在');
    this.access.assertCanAssign(principal, Role.Student, found.collegeId);
    return found;
  }

  /**
   * Where an account of this role sits. A student needs a class (its college is the class's); a
   * college admin needs a college; others may have a college or a department. Refusals name the field.
   */
  private async placement(
    manager: EntityManager,
    role: Role,
    wanted: { collegeId: number | null; classId: number | null; departmentId: number | null },
  ): Promise<{ collegeId: number | null; classId: number | null; departmentId: number | null }> {
    let { collegeId } = wanted;
    let classId: number | null = null;
    if (role === Role.Student) {
      if (wanted.classId === null) throw invalid('classId', '学生必须选择班级');
      const found = await manager.findOneBy(SchoolClass, { id: wanted.classId });
      if (!found) throw invalid('classId', '所选班级不存在');
      classId = found.id;
      collegeId = found.collegeId;
    }
    if (role === Role.Sysadmin) collegeId = null;
    if (collegeId !== null && !(await manager.existsBy(College, { id: collegeId }))) {
      throw invalid('collegeId', '所选学院不存在');
    }
    if (role === Role.CollegeAdmin && collegeId === null) throw invalid('collegeId', '学院管理员必须选择学院');
    if (wanted.departmentId !== null && !(await manager.existsBy(Department, { id: wanted.departmentId }))) {
      throw invalid('departmentId', '所选部门不存在');
    }
    return { collegeId, classId, departmentId: wanted.departmentId };
  }

  private async load(id: number): Promise<User> {
    const user = await this.sql.dataSource.getRepository(User).findOne({
      where: { id },
      relations: { college: true, schoolClass: true, department: true },
    });
    if (!user) throw new NotFoundException('该人员不存在');
    return user;
  }

  private async teachingClassIds(id: number): Promise<number[]> {
    const rows = await this.sql.dataSource.getRepository(TeachingAssignment).find({ where: { teacherId: id } });
    return rows.map((r) => r.classId);
  }
}

const BULK_AUDIT = {
  disable: 'user.bulk-disable',
  enable: 'user.bulk-enable',
  'reset-password': 'user.bulk-password-reset',
  'move-class': 'user.bulk-move-class',
} as const;

const FIELD_LABELS: Record<keyof AccountSnapshot, string> = {
  name: '姓名',
  role: '身份',
  college: '学院',
  className: '班级',
  department: '部门',
  phone: '手机号',
  disabled: '账号状态',
};

function snapshot(user: User): AccountSnapshot {
  return {
    name: user.name,
    role: user.role,
    college: user.college?.name ?? null,
    className: user.schoolClass?.name ?? null,
    department: user.department?.name ?? null,
    phone: user.phone,
    disabled: user.disabled,
  };
}

function changedFields(before: AccountSnapshot, after: AccountSnapshot): string[] {
  return (Object.keys(FIELD_LABELS) as Array<keyof AccountSnapshot>)
    .filter((k) => before[k] !== after[k])
    .map((k) => FIELD_LABELS[k]);
}

function invalid(field: string, message: string): BadRequestException {
  return new BadRequestException({ message, errors: [{ field, message }] });
}

function conflict(field: string, message: string): ConflictException {
  return new ConflictException({ message, errors: [{ field, message }] });
}
