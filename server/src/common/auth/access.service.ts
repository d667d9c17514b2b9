import { ForbiddenException, Injectable } from '@nestjs/common';
import { GRANTABLE_ROLES, hasPermission, Permission, Role, ROLE_LABELS } from '@campus/shared';
import type { Principal } from './principal';

/**
 * Record-level scoping, in one place. Role permissions say *what* a person may do; this says *to
 * which records*: a college admin only ever reaches their own college, a student only themself.
 */
@Injectable()
export class AccessService {
  /**
   * The college a query must be limited to: the caller's own for a college admin (asking for another
   * is refused), the requested one (or none = whole school) for school-wide roles.
   */
  collegeScope(principal: Principal, requestedCollegeId?: number | null): number | null {
    if (principal.role === Role.CollegeAdmin) {
      if (principal.collegeId === null) throw new ForbiddenException('您的账号未关联学院，请联系系统管理员');
      if (requestedCollegeId != null && requestedCollegeId !== principal.collegeId) {
        throw new ForbiddenException('只能查看本学院的数据');
      }
      return principal.collegeId;
    }
    if (principal.role === Role.SchoolAdmin || principal.role === Role.Sysadmin) return requestedCollegeId ?? null;
    throw new ForbiddenException('没有权限查看学院数据');
  }

  /** Whether the caller may act on a record that belongs to `collegeId`. */
  canReachCollege(principal: Principal, collegeId: number | null): boolean {
    if (principal.role === Role.SchoolAdmin || principal.role === Role.Sysadmin) return true;
    if (principal.role === Role.CollegeAdmin) return collegeId !== null && collegeId === principal.collegeId;
    return false;
  }

  assertCollege(principal: Principal, collegeId: number | null): void {
    if (!this.canReachCollege(principal, collegeId)) throw new ForbiddenException('只能操作本学院的数据');
  }

  /** A person's own records, or an admin's within their scope. */
  assertSelfOrAdmin(principal: Principal, ownerId: number, ownerCollegeId: number | null): void {
    if (principal.id === ownerId) return;
    this.assertCollege(principal, ownerCollegeId);
  }

  /**
   * 信息报送: the office (ReportManage) reaches every unit's reports: null. A reporter reaches only
   * their own unit's (`ownUnit`: their college as a college admin, else their department).
   */
  reportScope<U>(principal: Principal, ownUnit: U | null): U | null {
    if (hasPermission(principal.role, Permission.ReportManage)) return null;
    if (ownUnit === null) throw new ForbiddenException('您的账号未关联学院或部门，无法使用信息报送');
    return ownUnit;
  }

  /** Roles the caller may create, change or manage (GRANTABLE_ROLES, shared with the web app). */
  assignableRoles(principal: Principal): ReadonlySet<Role> {
    return new Set(GRANTABLE_ROLES[principal.role]);
  }

  /**
   * Account management (Permission.UserManage): the caller may change this account only when it is
   * in their reach and of a role they may grant — a college admin: students and teachers of their
   * own college; a school admin: everyone but sysadmins; a sysadmin: everyone. Never their own
   * account here (a mistake would lock them out; their own password has its own page).
   * Returns the refusal in Chinese, or null when allowed (bulk actions name the row with it).
   */
  manageProblem(principal: Principal, target: { id: number; role: Role; collegeId: number | null }): string | null {
    if (target.id === principal.id) return '不能在人员管理中修改自己的账号';
    if (!this.assignableRoles(principal).has(target.role)) return `您无权管理「${ROLE_LABELS[target.role]}」账号`;
    if (!this.canReachCollege(principal, target.collegeId)) return '只能管理本学院的人员';
    return null;
  }

  assertCanManage(principal: Principal, target: { id: number; role: Role; collegeId: number | null }): void {
    const problem = this.manageProblem(principal, target);
    if (problem) throw new ForbiddenException(problem);
  }

  /**
   * Whether the caller may give an account this role in this college (adding a person, changing a
   * role, moving to a class): the role must be one they may grant, the college within their reach.
   */
  assertCanAssign(principal: Principal, role: Role, collegeId: number | null): void {
    if (!this.assignableRoles(principal).has(role)) {
      throw new ForbiddenException(`您无权设置「${ROLE_LABELS[role]}」身份`);
    }
    if (principal.role === Role.CollegeAdmin && collegeId !== principal.collegeId) {
      throw new ForbiddenException('只能管理本学院的人员');
    }
  }
}
