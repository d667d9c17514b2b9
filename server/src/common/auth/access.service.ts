import { ForbiddenException, Injectable } from '@nestjs/common';
import { hasPermission, Permission, Role } from '@campus/shared';
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

  /** Roles an importer may create or change: a college admin manages only students and teachers. */
  assignableRoles(principal: Principal): ReadonlySet<Role> {
    if (principal.role === Role.CollegeAdmin) return new Set([Role.Student, Role.Teacher]);
    if (principal.role === Role.SchoolAdmin)
      return new Set([Role.Student, Role.Teacher, Role.CollegeAdmin, Role.SchoolAdmin]);
    if (principal.role === Role.Sysadmin) return new Set(Object.values(Role));
    return new Set();
  }
}
